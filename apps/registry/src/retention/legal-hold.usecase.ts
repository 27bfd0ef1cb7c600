import { Inject, Injectable } from '@nestjs/common';
import {
  AgreementStore,
  DomainError,
  ErrorCode,
  RetentionStore,
  holdRefused,
  holdReason,
  mayHold,
  type Caller,
  type LegalHoldRecord,
} from '@signet/domain';
import { resolveAgreementId } from '../agreements/agreement-id-input';
import { ChainIdentity } from '../agreements/chain-identity';
import { RetentionScheduler } from './retention-scheduler';

/**
 * Legal holds (issue 16): a court, or a regulator of one of the agreement's jurisdictions,
 * places and lifts them; both are audit events (and so anchored with the audit checkpoints).
 * A held agreement is never shredded; the job re-wraps its blob under a key of its own.
 */
@Injectable()
export class LegalHoldUseCase {
  constructor(
    @Inject(AgreementStore) private readonly agreements: AgreementStore,
    @Inject(RetentionStore) private readonly store: RetentionStore,
    @Inject(RetentionScheduler) private readonly scheduler: RetentionScheduler,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  async place(caller: Caller, idInput: string, reasonInput: string): Promise<LegalHoldRecord> {
    const id = await this.holdable(caller, idInput);
    const reason = holdReason(reasonInput);
    await this.scheduler.ensure(id);
    const hold = await this.store.placeHold(id, caller, reason);
    if (hold === 'gone') {
      throw new DomainError(
        ErrorCode.Shredded,
        'the sealed text is destroyed (or being destroyed): nothing to hold',
      );
    }
    return hold;
  }

  async lift(caller: Caller, idInput: string, reasonInput: string): Promise<LegalHoldRecord[]> {
    const id = await this.holdable(caller, idInput);
    const reason = holdReason(reasonInput);
    const lifted = await this.store.liftHolds(id, caller, reason);
    if (lifted.length === 0)
      throw new DomainError(ErrorCode.NotFound, 'no active hold of yours on this agreement');
    return lifted;
  }

  /** The agreement id, if the caller may hold it; NOT_FOUND alike for unknown and out-of-scope ids. */
  private async holdable(caller: Caller, idInput: string): Promise<string> {
    const id = resolveAgreementId(idInput, this.chain);
    const agreement = await this.agreements.findAgreement(id);
    if (!agreement || !mayHold(caller, agreement.jurisdictions)) throw holdRefused(id);
    return id;
  }
}
