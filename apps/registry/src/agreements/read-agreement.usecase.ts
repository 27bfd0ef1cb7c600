import { Inject, Injectable } from '@nestjs/common';
import { AgreementStore, DomainError, ErrorCode, type AgreementRecord, type Caller } from '@signet/domain';
import { resolveAgreementId } from './agreement-id-input';
import { ChainIdentity, blockchainIdOf } from './chain-identity';

/** One agreement, for a caller who may see it. Out of scope reads as not found: existence is not leaked. */
@Injectable()
export class ReadAgreementUseCase {
  constructor(
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  async execute(caller: Caller, idInput: string): Promise<AgreementRecord> {
    const id = resolveAgreementId(idInput, this.chain);
    const agreement = await this.store.findVisibleAgreement(caller, id);
    if (!agreement) throw new DomainError(ErrorCode.NotFound, `no agreement ${id}`);
    return agreement;
  }

  blockchainId(agreementId: string): string {
    return blockchainIdOf(this.chain, agreementId);
  }
}
