import { ed25519Verify, fromHex, isHex } from '@signet/formats';
import { DomainError, ErrorCode, type CredentialRecord, type SignatureRecord } from '@signet/domain';

/**
 * Every party's Ed25519 signature over `message` (a termination's, a destruction request's),
 * in party order; MISSING_SIGNATURE or INVALID_SIGNATURE naming the first party that fails.
 */
export function allPartySignatures<K extends SignatureRecord['kind'] | 'destruction'>(
  partyIds: string[],
  credentials: CredentialRecord[],
  given: Array<{ credentialId: string; signature: string }>,
  message: string,
  what: string,
  kind: K,
): Array<{ credentialId: string; signingKey: string; signature: string; kind: K }> {
  const bytes = fromHex(message);
  return partyIds.map((partyId) => {
    const party = credentials.find((p) => p.id === partyId)!;
    const signature = given.find((s) => s.credentialId === partyId)?.signature;
    if (!signature)
      throw new DomainError(ErrorCode.MissingSignature, `party ${partyId} has not signed the ${what}`);
    if (!isHex(signature, 64) || !ed25519Verify(bytes, fromHex(signature), fromHex(party.signingKey))) {
      throw new DomainError(
        ErrorCode.InvalidSignature,
        `party ${partyId}'s ${what} signature does not verify`,
      );
    }
    return { credentialId: partyId, signingKey: party.signingKey, signature, kind };
  });
}
