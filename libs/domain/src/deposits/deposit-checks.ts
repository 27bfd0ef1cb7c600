import {
  agreementId as computeAgreementId,
  ed25519VerifyAsync,
  fromHex,
  keyId,
  partySignatureMessage,
  type PartySignature,
} from '@signet/formats';
import { isInForce, AgreementStatus } from '../agreements/agreement-status';
import { sameOrganizations, signedByEveryParty } from '../agreements/party-signatures';
import type { CredentialRecord, WrapRecord } from '../agreements/records';
import { credentialState } from '../credentials/credential-liveness';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import type { DepositContext } from '../ports/agreement-store.port';
import type { DepositCommand } from './deposit-command';
import type { ParsedDeposit } from './parse-deposit';

/*
 * The checks of a deposit against what its context read: pure functions, each refusing
 * with its own code, run in order by `checkDeposit`.
 */

/** Which chain and registry agreement ids are bound to (their EIP-712 domain). */
export interface ChainRef {
  chainId: number;
  registryAddress: string;
}

export function checkAgreementId(chain: ChainRef, command: DepositCommand, parsed: ParsedDeposit): string {
  const expected = computeAgreementId({
    chainId: chain.chainId,
    registry: chain.registryAddress,
    commitment: command.commitment,
    metadataHash: parsed.metadataHash,
    parties: parsed.metadata.parties,
    parentId: parsed.metadata.parentId ?? null,
    nonce: command.nonce,
  });
  if (expected !== command.agreementId) {
    throw new DomainError(
      ErrorCode.AgreementIdMismatch,
      'agreementId is not the hash of this commitment, metadata, parties, parent and nonce on this registry',
      { expected },
    );
  }
  return expected;
}

/** Every party is a live agent credential of an organisation, in party order. */
export function liveParties(ids: string[], credentials: CredentialRecord[], now: Date): CredentialRecord[] {
  const found = new Map(credentials.map((credential) => [credential.id, credential]));
  return ids.map((id) => {
    const credential = found.get(id);
    const refuse = (why: string) =>
      new DomainError(ErrorCode.PartyNotLive, `party ${id}${why}`, { party: id });
    if (!credential) throw refuse(' holds no credential');
    if (credential.role !== 'agent') throw refuse(' is not an agent credential');
    const state = credentialState(credential, now);
    if (state === 'revoked') throw refuse("'s credential is revoked");
    if (state === 'expired') throw refuse("'s credential has expired");
    if (!credential.organizationId) throw refuse(' belongs to no organisation');
    return credential;
  });
}

/**
 * Every party signed with its credential's key. A signature over the id and the sealed
 * digest (scheme 2, what the SDK makes) is tried first; one over the id alone (scheme 1,
 * older clients) is still accepted, and the receipt says which.
 */
export function checkSignatures(
  id: string,
  sealedDigest: string,
  parties: CredentialRecord[],
  given: DepositCommand['signatures'],
): Promise<PartySignature[]> {
  const verifyUnder = (scheme: 1 | 2, { publicKey, signature }: PartySignature) =>
    ed25519VerifyAsync(
      partySignatureMessage(scheme, id, sealedDigest),
      fromHex(signature),
      fromHex(publicKey),
    );
  return signedByEveryParty(
    parties,
    given,
    'agreement',
    async (signature) => (await verifyUnder(2, signature)) || verifyUnder(1, signature),
  );
}

/** The data key must be wrapped for every party and every designated regulator. */
export function checkRecipients(
  wraps: DepositCommand['wraps'],
  parties: CredentialRecord[],
  regulators: CredentialRecord[],
): WrapRecord[] {
  const recipients = new Map<string, CredentialRecord>();
  for (const credential of [...parties, ...regulators])
    recipients.set(keyId(fromHex(credential.boxKey)), credential);
  const given = new Set(wraps.map((wrap) => wrap.keyId));
  for (const [id, credential] of recipients) {
    if (!given.has(id)) {
      throw new DomainError(
        ErrorCode.MissingRecipient,
        `the sealed text is not wrapped for ${credential.role} ${credential.id}`,
        { credentialId: credential.id, keyId: id },
      );
    }
  }
  return wraps.map((wrap) => ({
    keyId: wrap.keyId,
    box: wrap.box,
    credentialId: recipients.get(wrap.keyId)?.id ?? null,
  }));
}

/** The parent (an NDA, say) exists, is in force and binds the same organisations. */
export function checkParent(
  parentId: string | null,
  parent: DepositContext['parent'],
  organizationIds: string[],
  now: Date,
): void {
  if (!parentId) return;
  if (!parent) throw new DomainError(ErrorCode.ParentUnknown, `no agreement ${parentId}`, { parentId });
  if (!isInForce(parent.status) || parent.expiresAt.getTime() <= now.getTime()) {
    throw new DomainError(
      ErrorCode.ParentNotInForce,
      `the parent agreement is ${parent.status}, not in force`,
      {
        parentId,
        status: parent.status,
      },
    );
  }
  if (!sameOrganizations(parent.organizationIds, organizationIds)) {
    throw new DomainError(ErrorCode.ParentPartiesMismatch, 'the parent agreement binds other parties', {
      parentId,
    });
  }
}

/** Only a final agreement of the same organisations can be amended. */
export function checkSupersedes(
  oldId: string | null,
  old: DepositContext['supersedes'],
  organizationIds: string[],
): void {
  if (!oldId) return;
  if (!old)
    throw new DomainError(ErrorCode.NotFound, `no agreement ${oldId} to amend`, { supersedes: oldId });
  if (old.status !== AgreementStatus.Final) {
    throw new DomainError(
      ErrorCode.InvalidState,
      `only a FINAL agreement can be amended; it is ${old.status}`,
      {
        supersedes: oldId,
        status: old.status,
      },
    );
  }
  if (!sameOrganizations(old.organizationIds, organizationIds)) {
    throw new DomainError(
      ErrorCode.ParentPartiesMismatch,
      'the amended agreement binds other organisations',
      {
        supersedes: oldId,
      },
    );
  }
}

/** What the checks established about a deposit, for the rows to be written. */
export interface CheckedDeposit {
  id: string;
  parties: CredentialRecord[];
  signatures: PartySignature[];
  wraps: WrapRecord[];
  organizationIds: string[];
}

/** Every check of flow 2 but the policy packs', in the order a caller hears about them. */
export async function checkDeposit(input: {
  depositorId: string;
  command: DepositCommand;
  parsed: ParsedDeposit;
  sealedDigest: string;
  context: DepositContext;
  chain: ChainRef;
  now: Date;
}): Promise<CheckedDeposit> {
  const { command, parsed, context, now } = input;
  const { metadata } = parsed;
  if (!metadata.parties.includes(input.depositorId)) {
    throw new DomainError(ErrorCode.NotAParty, 'the depositing agent must be a party to the agreement');
  }
  const id = checkAgreementId(input.chain, command, parsed);
  const parties = liveParties(metadata.parties, context.parties, now);
  const signatures = await checkSignatures(id, input.sealedDigest, parties, command.signatures);
  const wraps = checkRecipients(command.wraps, parties, context.regulators);
  const organizationIds = [...new Set(parties.map((party) => party.organizationId!))];
  checkParent(metadata.parentId ?? null, context.parent, organizationIds, now);
  checkSupersedes(metadata.supersedes ?? null, context.supersedes, organizationIds);
  return { id, parties, signatures, wraps, organizationIds };
}
