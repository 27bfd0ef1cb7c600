import nacl from 'tweetnacl';

/**
 * The browser's stand-in for the few node:crypto calls libs/formats makes, so the page runs
 * the formats' own verification code rather than a copy of it. Ed25519 verification goes to
 * tweetnacl (already a dependency of libs/formats; byte-identical results to OpenSSL's) because
 * WebCrypto's Ed25519 is asynchronous and verifyEvidence is not. The page never signs.
 */

interface RawPublicKey {
  raw: Uint8Array;
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function createPublicKey(input: {
  key: { kty: string; crv: string; x: string };
  format: 'jwk';
}): RawPublicKey {
  if (input.format !== 'jwk' || input.key.kty !== 'OKP' || input.key.crv !== 'Ed25519')
    throw new Error('the page imports Ed25519 public keys given as JWK only');
  const raw = fromBase64Url(input.key.x);
  if (raw.length !== 32) throw new Error('Ed25519 public key must be 32 bytes');
  return { raw };
}

export function verify(
  algorithm: null,
  message: Uint8Array,
  key: RawPublicKey,
  signature: Uint8Array,
): boolean {
  if (algorithm !== null) throw new Error('the page verifies Ed25519 only');
  return nacl.sign.detached.verify(message, signature, key.raw);
}

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

function noSigning(): never {
  throw new Error('the verification page does not sign or hold secret keys');
}

export const createPrivateKey = noSigning;
export const sign = noSigning;
export type KeyObject = RawPublicKey;
