import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

export type CredentialState = 'live' | 'revoked' | 'expired';

export interface CredentialLifetime {
  id: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/** Revocation wins over expiry: it is the stronger statement, and the one a caller must hear. */
export function credentialState(credential: CredentialLifetime, now: Date): CredentialState {
  if (credential.revokedAt !== null && credential.revokedAt.getTime() <= now.getTime()) return 'revoked';
  if (credential.expiresAt !== null && credential.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'live';
}

/** Throws CREDENTIAL_REVOKED or CREDENTIAL_EXPIRED; every authenticated call goes through it. */
export function assertCredentialLive(credential: CredentialLifetime, now: Date): void {
  const state = credentialState(credential, now);
  if (state === 'revoked') {
    throw new DomainError(ErrorCode.CredentialRevoked, `credential ${credential.id} has been revoked`);
  }
  if (state === 'expired') {
    throw new DomainError(ErrorCode.CredentialExpired, `credential ${credential.id} has expired`);
  }
}
