import { type KeyObject, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { FormatError, FormatErrorCode } from './format.error';

/**
 * Ed25519 through node:crypto (OpenSSL): ~60x faster than tweetnacl here, and byte-for-byte
 * the same signatures (RFC 8032 is deterministic). Raw 32-byte keys cross the boundary as
 * JWK, which is the one raw-key import Node 20 offers.
 */

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

// Importing a key costs about as much as a verification, and a verifier checks the same few
// credential keys over and over; a small cache keeps verify near OpenSSL's own speed.
const PUBLIC_CACHE_LIMIT = 1024;
const publicCache = new Map<string, KeyObject>();

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32)
    throw new FormatError(
      FormatErrorCode.INVALID_KEY,
      `Ed25519 public key must be 32 bytes, got ${publicKey.length}`,
    );
  const id = Buffer.from(publicKey).toString('hex');
  let key = publicCache.get(id);
  if (key === undefined) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(publicKey) }, format: 'jwk' });
    if (publicCache.size >= PUBLIC_CACHE_LIMIT) publicCache.delete(publicCache.keys().next().value as string);
    publicCache.set(id, key);
  }
  return key;
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  if (seed.length !== 32)
    throw new FormatError(
      FormatErrorCode.INVALID_KEY,
      `Ed25519 secret key (seed) must be 32 bytes, got ${seed.length}`,
    );
  // Node's JWK import wants `x` too; PKCS#8 takes the bare seed and derives it.
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

/** The public key of a 32-byte Ed25519 seed. */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  const jwk = createPublicKey(privateKeyObject(seed)).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
}

/** Signs a message (in Signet: the 32-byte agreement id) with a 32-byte seed. */
export function ed25519Sign(message: Uint8Array, seed: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKeyObject(seed)));
}

/** False for any malformed key or signature: a verifier reports, it does not throw. */
export function ed25519Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return verify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}

/**
 * ed25519Verify on libuv's thread pool: a service checking many signatures at once (a
 * batch of deposits) spreads them over the cores while its event loop goes on.
 */
export function ed25519VerifyAsync(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64 || publicKey.length !== 32) return Promise.resolve(false);
  let key: KeyObject;
  try {
    key = publicKeyObject(publicKey);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    try {
      verify(null, message, key, signature, (error, valid) => resolve(!error && valid));
    } catch {
      resolve(false);
    }
  });
}

/**
 * For many signatures with one key (the bench, a batch signer): import once, sign often.
 */
export function ed25519Signer(seed: Uint8Array): (message: Uint8Array) => Uint8Array {
  const key = privateKeyObject(seed);
  return (message) => new Uint8Array(sign(null, message, key));
}
