import { Inject, Injectable } from '@nestjs/common';
import { ed25519Verify, fromHex, isHex } from '@signet/formats';
import {
  AgreementStatus,
  AgreementStore,
  BlobStore,
  DEPOSIT_LIMITS,
  DomainError,
  ErrorCode,
  type AgreementRecord,
  type Caller,
  answerablePrincipals,
  dealTerms,
} from '@signet/domain';
import type { AgreementMetadata } from '@signet/formats';
import { ChainIdentity } from './chain-identity';
import { resolveAgreementId } from './agreement-id-input';

/**
 * Flow 2's escalation: a deposit beyond an agent's mandate waits until every answerable
 * principal has signed its id; then it is queued for anchoring. A principal may refuse it.
 */
@Injectable()
export class RatificationUseCase {
  constructor(
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(BlobStore) private readonly blobs: BlobStore,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  async ratify(caller: Caller, idInput: string, signature: string): Promise<AgreementStatus> {
    const agreement = await this.pending(caller, idInput);
    const required = await this.requiredPrincipals(agreement);
    if (!required.includes(caller.credentialId)) {
      throw new DomainError(ErrorCode.Forbidden, 'you are not the principal answerable for this deal');
    }
    if (!isHex(signature, 64))
      throw new DomainError(ErrorCode.BadInput, 'signature must be 0x + 128 hex digits');
    const [principal] = await this.store.findCredentials([caller.credentialId]);
    if (!ed25519Verify(fromHex(agreement.id), fromHex(signature), fromHex(principal.signingKey))) {
      throw new DomainError(ErrorCode.InvalidSignature, 'the ratification signature does not verify');
    }
    const done = new Set(
      (await this.store.findSignatures(agreement.id))
        .filter((s) => s.kind === 'ratification')
        .map((s) => s.credentialId),
    );
    done.add(caller.credentialId);
    const complete = required.every((id) => done.has(id));
    const to = complete ? AgreementStatus.PendingAnchor : AgreementStatus.PendingRatification;
    const moved = await this.store.updateStatus({
      agreementId: agreement.id,
      from: AgreementStatus.PendingRatification,
      to,
      actorId: caller.credentialId,
      reason: complete ? 'ratified' : 'ratified; waiting for other principals',
      signatures: [
        {
          credentialId: caller.credentialId,
          signingKey: principal.signingKey,
          signature,
          kind: 'ratification',
        },
      ],
      audit: { action: 'agreement.ratify', actor: caller, agreementId: agreement.id, detail: { complete } },
      outbox: complete
        ? [{ kind: 'agreement', subjectId: agreement.id, payload: { recordHash: agreement.recordHash } }]
        : [],
      supersedes: complete ? (agreement.supersedesId ?? undefined) : undefined,
    });
    if (!moved)
      throw new DomainError(ErrorCode.InvalidState, 'the agreement is no longer waiting for ratification');
    return to;
  }

  async reject(caller: Caller, idInput: string, reason: string): Promise<AgreementStatus> {
    const agreement = await this.pending(caller, idInput);
    if (!(await this.requiredPrincipals(agreement)).includes(caller.credentialId)) {
      throw new DomainError(ErrorCode.Forbidden, 'you are not the principal answerable for this deal');
    }
    const trimmed = reason.trim();
    if (!trimmed || trimmed.length > DEPOSIT_LIMITS.maxReasonLength) {
      throw new DomainError(
        ErrorCode.BadInput,
        `a reason of 1-${DEPOSIT_LIMITS.maxReasonLength} characters is required`,
      );
    }
    const moved = await this.store.updateStatus({
      agreementId: agreement.id,
      from: AgreementStatus.PendingRatification,
      to: AgreementStatus.Rejected,
      actorId: caller.credentialId,
      reason: trimmed,
      audit: {
        action: 'agreement.reject',
        actor: caller,
        agreementId: agreement.id,
        detail: { reason: trimmed },
      },
    });
    if (!moved)
      throw new DomainError(ErrorCode.InvalidState, 'the agreement is no longer waiting for ratification');
    // A refused deal never becomes an agreement: its sealed text is not kept.
    await this.blobs.delete(agreement.sealedDigest.slice(2));
    return AgreementStatus.Rejected;
  }

  /** Scope first: a caller who may not see the agreement hears NOT_FOUND, as for an unknown id. */
  private async pending(caller: Caller, idInput: string): Promise<AgreementRecord> {
    const id = resolveAgreementId(idInput, this.chain);
    const agreement = await this.store.findVisibleAgreement(caller, id);
    if (!agreement) throw new DomainError(ErrorCode.NotFound, `no agreement ${id}`);
    if (agreement.status !== AgreementStatus.PendingRatification) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `the agreement is ${agreement.status}, not waiting for ratification`,
      );
    }
    return agreement;
  }

  private async requiredPrincipals(agreement: AgreementRecord): Promise<string[]> {
    const parties = await this.store.findCredentials(agreement.parties);
    const metadata = JSON.parse(agreement.metadata) as AgreementMetadata;
    return answerablePrincipals(parties, dealTerms(metadata), agreement.createdAt, agreement.policyDecision);
  }
}
