import { recordHash, signaturesHash } from '@signet/formats';
import type { Caller } from '../access/caller';
import { AgreementStatus } from '../agreements/agreement-status';
import type { PolicyDecision } from '../policy/policy-decision';
import type { NewDeposit } from '../ports/agreement-store.port';
import type { CheckedDeposit } from './deposit-checks';
import type { DepositCommand } from './deposit-command';
import type { ParsedDeposit } from './parse-deposit';

/**
 * The rows of a deposit that passed every check (flow 3): the agreement with its
 * signatures and wraps, an audit event and, unless a principal must ratify it first, the
 * outbox row that gets it anchored.
 */
export function newDeposit(input: {
  caller: Caller;
  command: DepositCommand;
  parsed: ParsedDeposit;
  checked: CheckedDeposit;
  sealedDigest: string;
  requestHash: string;
  decision: PolicyDecision;
}): NewDeposit {
  const { caller, command, parsed, checked, decision } = input;
  const { metadata } = parsed;
  const { id } = checked;
  const needsRatification = decision.outcome === 'escalate';
  const sigsHash = signaturesHash(checked.signatures);
  const record = recordHash(id, input.sealedDigest, sigsHash);
  const status = needsRatification ? AgreementStatus.PendingRatification : AgreementStatus.PendingAnchor;
  return {
    agreement: {
      id,
      status,
      type: metadata.type,
      jurisdictions: metadata.jurisdictions,
      parties: metadata.parties,
      organizationIds: checked.organizationIds,
      parentId: metadata.parentId ?? null,
      supersedesId: metadata.supersedes ?? null,
      effectiveAt: new Date(metadata.effectiveAt),
      expiresAt: new Date(metadata.expiresAt),
      value: metadata.value ?? null,
      currency: metadata.currency ?? null,
      metadata: parsed.canonicalMetadata,
      metadataHash: parsed.metadataHash,
      commitment: command.commitment,
      sealedDigest: input.sealedDigest,
      sealedSize: parsed.blob.length,
      nonce: command.nonce,
      signaturesHash: sigsHash,
      recordHash: record,
      depositorId: caller.credentialId,
      idempotencyKey: command.idempotencyKey,
      requestHash: input.requestHash,
      policyDecision: decision,
    },
    signatures: checked.signatures.map((signature) => ({
      credentialId: signature.credentialId,
      signingKey: signature.publicKey,
      signature: signature.signature,
      kind: 'party',
    })),
    wraps: checked.wraps,
    audit: {
      action: 'agreement.deposit',
      actor: caller,
      agreementId: id,
      detail: { status, policyDecision: decision },
    },
    anchor: needsRatification ? null : { kind: 'agreement', subjectId: id, payload: { recordHash: record } },
  };
}
