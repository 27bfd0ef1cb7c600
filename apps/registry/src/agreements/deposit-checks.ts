import {
  agreementId as computeAgreementId,
  ed25519VerifyAsync,
  fromHex,
  keyId,
  partySignatureMessage,
  type PartySignature,
} from '@signet/formats';
import {
  DomainError,
  ErrorCode,
  isInForce,
  type CredentialRecord,
  type DepositContext,
} from '@signet/domain';
import type { ChainIdentity } from './chain-identity';
import type { DepositCommand } from './deposit-command';
import type { ParsedDeposit } from './deposit-validation';

/*
 * The checks of a deposit against what its context read: pure functions, each refusing
 * with its own code. DepositAgreementUseCase runs them in order.
 */

export function checkAgreementId(
  chain: ChainIdentity,
  command: DepositCommand,
  parsed: ParsedDeposit,
): string {
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

export function liveParties(ids: string[], credentials: CredentialRecord[]): CredentialRecord[] {
  const found = new Map(credentials.map((credential) => [credential.id, credential]));
  const now = Date.now();
  return ids.map((id) => {
    const credential = found.get(id);
    if (!credential)
      throw new DomainError(ErrorCode.PartyNotLive, `party ${id} holds no credential`, { party: id });
    if (credential.role !== 'agent') {
      throw new DomainError(ErrorCode.PartyNotLive, `party ${id} is not an agent credential`, {
        party: id,
      });
    }
    if (credential.revokedAt) {
      throw new DomainError(ErrorCode.PartyNotLive, `party ${id}'s credential is revoked`, { party: id });
    }
    if (credential.expiresAt && credential.expiresAt.getTime() <= now) {
      throw new DomainError(ErrorCode.PartyNotLive, `party ${id}'s credential has expired`, { party: id });
    }
    if (!credential.organizationId) {
      throw new DomainError(ErrorCode.PartyNotLive, `party ${id} belongs to no organisation`, {
        party: id,
      });
    }
    return credential;
  });
}

/**
 * Every party signed with its credential's key; the result is in party order. A signature
 * over the id and the sealed digest (scheme 2, what the SDK makes) is tried first; one over
 * the id alone (scheme 1, older clients) is still accepted, and the receipt says which.
 */
export async function checkSignatures(
  id: string,
  sealedDigest: string,
  parties: CredentialRecord[],
  given: DepositCommand['signatures'],
): Promise<PartySignature[]> {
  const byCredential = new Map(given.map((signature) => [signature.credentialId, signature.signature]));
  const extra = given.find((signature) => !parties.some((party) => party.id === signature.credentialId));
  if (extra) {
    throw new DomainError(ErrorCode.InvalidSignature, `${extra.credentialId} is not a party`, {
      credentialId: extra.credentialId,
    });
  }
  const signed = parties.map((party) => {
    const signature = byCredential.get(party.id);
    if (!signature) {
      throw new DomainError(ErrorCode.MissingSignature, `party ${party.id} has not signed`, {
        party: party.id,
      });
    }
    return { credentialId: party.id, publicKey: party.signingKey, signature };
  });
  // Verified side by side on the thread pool; the first party whose signature fails is named.
  const verifyUnder = (scheme: 1 | 2, { publicKey, signature }: PartySignature) =>
    ed25519VerifyAsync(
      partySignatureMessage(scheme, id, sealedDigest),
      fromHex(signature),
      fromHex(publicKey),
    );
  const valid = await Promise.all(
    signed.map(async (signature) => (await verifyUnder(2, signature)) || verifyUnder(1, signature)),
  );
  const forged = signed.find((_signature, position) => !valid[position]);
  if (forged) {
    throw new DomainError(
      ErrorCode.InvalidSignature,
      `party ${forged.credentialId}'s signature does not verify`,
      { party: forged.credentialId },
    );
  }
  return signed;
}

/** The data key must be wrapped for every party and every designated regulator. */
export function checkRecipients(
  wraps: DepositCommand['wraps'],
  parties: CredentialRecord[],
  regulators: CredentialRecord[],
) {
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

/** "The same parties" means the same organisations: their agents may change between deals. */
export function checkParent(
  parentId: string | null,
  parent: DepositContext['parent'],
  organizationIds: string[],
): void {
  if (!parentId) return;
  if (!parent) throw new DomainError(ErrorCode.ParentUnknown, `no agreement ${parentId}`, { parentId });
  if (!isInForce(parent.status) || parent.expiresAt.getTime() <= Date.now()) {
    throw new DomainError(
      ErrorCode.ParentNotInForce,
      `the parent agreement is ${parent.status}, not in force`,
      {
        parentId,
        status: parent.status,
      },
    );
  }
  const same =
    parent.organizationIds.length === organizationIds.length &&
    organizationIds.every((organization) => parent.organizationIds.includes(organization));
  if (!same) {
    throw new DomainError(ErrorCode.ParentPartiesMismatch, 'the parent agreement binds other parties', {
      parentId,
    });
  }
}
