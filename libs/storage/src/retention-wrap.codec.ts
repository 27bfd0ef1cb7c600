import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/**
 * A sealed blob at rest, wrapped once more under a provider-side retention key
 * (docs/RETENTION.md):
 *
 *   wrapped = "SGRK" ‖ 0x01 ‖ len[1] ‖ keyId (ASCII) ‖ nonce[12] ‖ AES-256-GCM(blob) ‖ tag[16]
 *   nonce   = HMAC-SHA256(key, "signet:retention-nonce:v1" ‖ blobKey)[0..12]
 *   AAD     = the header up to the nonce ‖ blobKey
 *
 * The nonce is derived, so wrapping a blob again under the same key gives the same bytes
 * (a retried write is a no-op) and a nonce repeats only for the same blob. The AAD binds
 * the wrap to the blob's key: a wrap moved to another key does not open.
 */
const MAGIC = Buffer.from('SGRK', 'ascii');
const VERSION = 0x01;
const NONCE_DOMAIN = Buffer.from('signet:retention-nonce:v1', 'ascii');
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

export class RetentionWrapError extends Error {
  readonly code = 'RETENTION_WRAP_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'RetentionWrapError';
  }
}

/** True when the stored bytes carry the retention layer (else: a blob from before it). */
export function isRetentionWrapped(bytes: Uint8Array): boolean {
  return bytes.length > MAGIC.length && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC);
}

/** The key id a wrapped blob names, without opening it. */
export function retentionKeyIdOf(bytes: Uint8Array): string {
  if (!isRetentionWrapped(bytes) || bytes[4] !== VERSION)
    throw new RetentionWrapError('not a retention wrap');
  const length = bytes[5];
  if (bytes.length < 6 + length + NONCE_LENGTH + TAG_LENGTH) throw new RetentionWrapError('truncated wrap');
  return Buffer.from(bytes.subarray(6, 6 + length)).toString('ascii');
}

function header(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  if (id.length === 0 || id.length > 255) throw new RetentionWrapError(`bad key id ${keyId}`);
  return Buffer.concat([MAGIC, Buffer.from([VERSION, id.length]), id]);
}

export function wrapForRetention(
  blob: Uint8Array,
  blobKey: string,
  keyId: string,
  key: Uint8Array,
): Uint8Array {
  const head = header(keyId);
  const nonce = createHmac('sha256', key)
    .update(NONCE_DOMAIN)
    .update(blobKey)
    .digest()
    .subarray(0, NONCE_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([head, Buffer.from(blobKey, 'ascii')]));
  const body = Buffer.concat([cipher.update(blob), cipher.final()]);
  return Buffer.concat([head, nonce, body, cipher.getAuthTag()]);
}

export function unwrapForRetention(wrapped: Uint8Array, blobKey: string, key: Uint8Array): Uint8Array {
  const keyId = retentionKeyIdOf(wrapped);
  const head = header(keyId);
  const nonce = wrapped.subarray(head.length, head.length + NONCE_LENGTH);
  const body = wrapped.subarray(head.length + NONCE_LENGTH, wrapped.length - TAG_LENGTH);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.concat([head, Buffer.from(blobKey, 'ascii')]));
  decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_LENGTH));
  try {
    const plain = Buffer.concat([decipher.update(body), decipher.final()]);
    return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
  } catch {
    throw new RetentionWrapError(`the retention wrap of ${blobKey} does not open under ${keyId}`);
  }
}
