import { fromHex, keccak256, utf8 } from '@signet/formats';

/** Domain-separates login signatures from agreement signatures made with the same key. */
export const AUTH_CHALLENGE_DOMAIN = 'signet:auth:v1';

/**
 * The 32 bytes a caller signs with its credential's Ed25519 key to log in:
 * keccak256("signet:auth:v1" ‖ nonce[32]). Never an agreement id, so a login signature
 * can never be replayed as a signature on a deal, nor the other way round.
 */
export function authChallengeMessage(nonceHex: string): Uint8Array {
  return keccak256(utf8(AUTH_CHALLENGE_DOMAIN), fromHex(nonceHex, 32, 'nonce'));
}
