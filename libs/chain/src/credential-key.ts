import type { CredentialKey } from '@signet/formats';
import type { CredentialEventLog } from './registry-types';

/**
 * What a verifier needs of a credential's chain events: the signing key, document hash and
 * expiry it was issued with, and the blocks of its issue and (if any) revocation. Null when never issued.
 */
export function credentialKeyFrom(events: CredentialEventLog[]): CredentialKey | null {
  const issued = events.find((event) => event.kind === 'issued');
  const revoked = events.find((event) => event.kind === 'revoked');
  if (issued?.kind !== 'issued') return null;
  return {
    signingKey: issued.signingKey,
    issuedAtBlock: issued.blockNumber,
    revokedAtBlock: revoked?.blockNumber ?? null,
    notAfter: Number(issued.notAfter),
    documentHash: issued.documentHash,
  };
}
