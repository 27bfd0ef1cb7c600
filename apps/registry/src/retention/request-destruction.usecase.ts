import { Inject, Injectable } from '@nestjs/common';
import { destructionMessage, ed25519Verify, fromHex } from '@signet/formats';
import {
  AgreementStatus,
  AgreementStore,
  Clock,
  DomainError,
  ErrorCode,
  RetentionStore,
  signedByEveryParty,
  type Caller,
  type GivenSignature,
} from '@signet/domain';
import { resolveAgreementId } from '../agreements/agreement-id-input';
import { ChainIdentity } from '../agreements/chain-identity';
import { RetentionScheduler } from './retention-scheduler';

/**
 * Early destruction (issue 16): every party signs keccak256("signet:destruction:v1" ‖ id),
 * like a termination. Honoured — the schedule becomes now, and the next run of the job
 * shreds it — unless a legal hold (LEGAL_HOLD) or a pack's minimum (RETENTION_MINIMUM) stands.
 */
@Injectable()
export class RequestDestructionUseCase {
  constructor(
    @Inject(AgreementStore) private readonly agreements: AgreementStore,
    @Inject(RetentionStore) private readonly store: RetentionStore,
    @Inject(RetentionScheduler) private readonly scheduler: RetentionScheduler,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  async execute(
    caller: Caller,
    idInput: string,
    given: GivenSignature[],
  ): Promise<string> {
    const id = resolveAgreementId(idInput, this.chain);
    const agreement = await this.agreements.findAgreement(id);
    if (!agreement || !agreement.parties.includes(caller.credentialId)) {
      throw new DomainError(ErrorCode.NotFound, `no agreement ${id} of yours`);
    }
    if (agreement.status === AgreementStatus.Shredded) throw shredded();
    const found = await this.agreements.findCredentials(agreement.parties);
    const parties = agreement.parties.flatMap((partyId) => found.filter((party) => party.id === partyId));
    const message = fromHex(destructionMessage(id));
    const signed = await signedByEveryParty(parties, given, 'destruction request', ({ signature, publicKey }) =>
      ed25519Verify(message, fromHex(signature), fromHex(publicKey)),
    );
    const signatures = signed.map(({ credentialId, signature }) => ({ credentialId, signature }));
    await this.scheduler.ensure(id);
    const schedule = await this.store.find(id);
    const now = this.clock.now();
    if (schedule?.held) throw legalHold();
    if (schedule && schedule.minimumUntil > now) {
      throw new DomainError(
        ErrorCode.RetentionMinimum,
        `its packs' minimum retention runs until ${schedule.minimumUntil.toISOString()}`,
        { minimumUntil: schedule.minimumUntil.toISOString() },
      );
    }
    const outcome = await this.store.requestDestruction({ agreementId: id, signatures, caller, now });
    if (outcome === 'held') throw legalHold();
    if (outcome === 'gone') throw shredded();
    return id;
  }
}

function legalHold(): DomainError {
  return new DomainError(
    ErrorCode.LegalHold,
    'a legal hold stands: nobody can have it destroyed until it is lifted',
  );
}

function shredded(): DomainError {
  return new DomainError(ErrorCode.Shredded, 'the sealed text is already destroyed (or being destroyed)');
}
