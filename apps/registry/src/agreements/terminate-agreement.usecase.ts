import { Inject, Injectable } from '@nestjs/common';
import { terminationDetail, terminationMessage } from '@signet/formats';
import {
  AgreementStatus,
  AgreementStatusEvent,
  AgreementStore,
  DomainError,
  ErrorCode,
  type Caller,
} from '@signet/domain';
import { resolveAgreementId } from './agreement-id-input';
import { ChainIdentity } from './chain-identity';
import { allPartySignatures } from './all-party-signatures';

const TERMINABLE = [AgreementStatus.Final, AgreementStatus.Superseded];

/** Flow 7: an agreement ends when every party has signed its termination; the chain records it. */
@Injectable()
export class TerminateAgreementUseCase {
  constructor(
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  async execute(
    caller: Caller,
    idInput: string,
    given: Array<{ credentialId: string; signature: string }>,
  ): Promise<void> {
    const id = resolveAgreementId(idInput, this.chain);
    const agreement = await this.store.findAgreement(id);
    if (!agreement || !agreement.parties.includes(caller.credentialId)) {
      throw new DomainError(ErrorCode.NotFound, `no agreement ${id} of yours`);
    }
    if (!TERMINABLE.includes(agreement.status)) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `an agreement in ${agreement.status} cannot be terminated`,
      );
    }
    const parties = await this.store.findCredentials(agreement.parties);
    const signatures = allPartySignatures(
      agreement.parties,
      parties,
      given,
      terminationMessage(id),
      'termination',
      'termination',
    );
    const moved = await this.store.updateStatus({
      agreementId: id,
      from: agreement.status,
      to: AgreementStatus.Terminated,
      actorId: caller.credentialId,
      reason: 'terminated by all parties',
      signatures,
      audit: { action: 'agreement.terminate', actor: caller, agreementId: id },
      outbox: [
        {
          kind: 'status',
          subjectId: id,
          payload: { status: AgreementStatusEvent.Terminated, detail: terminationDetail(signatures) },
        },
      ],
    });
    if (!moved) throw new DomainError(ErrorCode.InvalidState, 'the agreement changed meanwhile');
  }
}
