import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  PolicyPackStore,
  type Caller,
  type PolicyActivationRecord,
} from '@signet/domain';
import { isHex, isJurisdictionCode } from '@signet/formats';

/**
 * Makes a published pack the one in force for its jurisdiction, from this moment on:
 * agreements decided earlier keep the pack they were decided by. Anchored on chain as
 * PolicyActivated(jurisdiction, packHash) through the outbox.
 */
@Injectable()
export class ActivatePolicyPackUseCase {
  constructor(@Inject(PolicyPackStore) private readonly store: PolicyPackStore) {}

  execute(caller: Caller, jurisdiction: string, packHash: string): Promise<PolicyActivationRecord> {
    if (!isJurisdictionCode(jurisdiction) || jurisdiction.length > 32) {
      throw new DomainError(
        ErrorCode.JurisdictionUnknown,
        `${jurisdiction} is not a jurisdiction code such as EU or US-NY`,
        {
          path: 'jurisdiction',
        },
      );
    }
    if (!isHex(packHash, 32))
      throw new DomainError(ErrorCode.BadInput, 'pack must be a pack hash: 0x + 64 lower-case hex', {
        path: 'pack',
      });
    return this.store.activate(jurisdiction, packHash, caller);
  }
}
