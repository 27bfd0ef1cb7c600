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

/**
 * False for any malformed key or signature: a verifier reports, it does not throw. Strict
 * (docs/FORMATS.md §5): `S < L`, and a non-canonical or small-order public key is refused
 * before OpenSSL sees it, so every verifier accepts exactly the same signatures.
 */
export function ed25519Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (!isStrictEd25519(signature, publicKey)) return false;
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
  if (!isStrictEd25519(signature, publicKey)) return Promise.resolve(false);
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

const FIELD_PRIME = 2n ** 255n - 19n;
const GROUP_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;
/** The y of two of the four points of order 8; the other two have y = p − ORDER_8_Y. */
const ORDER_8_Y = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
/** y coordinates of the eight points of small order (1, 2, 4, 8), whichever sign x has. */
const SMALL_ORDER_Y = new Set([0n, 1n, FIELD_PRIME - 1n, ORDER_8_Y, FIELD_PRIME - ORDER_8_Y]);

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

/**
 * The rules OpenSSL and tweetnacl do not share: `S` (the signature's second half, little
 * endian) below the group order L, so `S + L` is no second valid signature; and the public
 * key's y (its 255 low bits) below p and not the y of a point of small order, which would
 * let one signature verify for many messages.
 */
export function isStrictEd25519(signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  if (littleEndian(signature.subarray(32)) >= GROUP_ORDER) return false;
  const y = littleEndian(publicKey) & ((1n << 255n) - 1n);
  return y < FIELD_PRIME && !SMALL_ORDER_Y.has(y);
}
