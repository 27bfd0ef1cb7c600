import { Inject, Injectable } from '@nestjs/common';
import { ed25519Verify, fromHex, terminationDetail, terminationMessage } from '@signet/formats';
import {
  AgreementStatus,
  AgreementStatusEvent,
  AgreementStore,
  DomainError,
  ErrorCode,
  canTransition,
  signedByEveryParty,
  type Caller,
  type GivenSignature,
} from '@signet/domain';
import { resolveAgreementId } from './agreement-id-input';
import { ChainIdentity } from './chain-identity';

/** Flow 7: an agreement ends when every party has signed its termination; the chain records it. */
@Injectable()
export class TerminateAgreementUseCase {
  constructor(
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  async execute(caller: Caller, idInput: string, given: GivenSignature[]): Promise<void> {
    const id = resolveAgreementId(idInput, this.chain);
    const agreement = await this.store.findAgreement(id);
    if (!agreement || !agreement.parties.includes(caller.credentialId)) {
      throw new DomainError(ErrorCode.NotFound, `no agreement ${id} of yours`);
    }
    if (!canTransition(agreement.status, AgreementStatus.Terminated)) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `an agreement in ${agreement.status} cannot be terminated`,
      );
    }
    const found = await this.store.findCredentials(agreement.parties);
    // In party order: the termination detail hashes the signatures in that order.
    const parties = agreement.parties.flatMap((partyId) => found.filter((party) => party.id === partyId));
    const message = fromHex(terminationMessage(id));
    const signed = await signedByEveryParty(parties, given, 'termination', ({ signature, publicKey }) =>
      ed25519Verify(message, fromHex(signature), fromHex(publicKey)),
    );
    const signatures = signed.map(({ credentialId, publicKey, signature }) => ({
      credentialId,
      signingKey: publicKey,
      signature,
      kind: 'termination' as const,
    }));
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
