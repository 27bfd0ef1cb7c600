import nacl from 'tweetnacl';
import {
  type HexString,
  bytesEqual,
  concatBytes,
  fromBase64,
  fromHex,
  fromUtf8,
  toBase64,
  utf8,
} from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import { domainBytes, keccak256, keccak256Hex } from './keccak.hash';
import { type RandomSource, systemRandom } from './random.source';
import { openBox, sealBox } from './sealed-box.cipher';

/**
 * The sealed text (DECISIONS.md):
 *   blob = "SGNT" ‖ 0x01 ‖ nonce[24] ‖ secretbox(salt[32] ‖ utf8(text), nonce, dataKey[32])
 * The data key is wrapped to each recipient separately, outside the blob, so adding a
 * recipient later does not change the blob or its digest (which the chain binds).
 */
export const BLOB_MAGIC = utf8('SGNT');
export const BLOB_VERSION = 0x01;
export const BLOB_HEADER_LENGTH = BLOB_MAGIC.length + 1 + nacl.secretbox.nonceLength; // 29
export const BOX_KEY_DOMAIN = 'signet:box-key:v1';

export interface SealRecipient {
  /** Defaults to keyId(publicKey); a caller may pass its own label, but verifiers recompute it. */
  keyId?: HexString;
  publicKey: Uint8Array;
}

export interface Wrap {
  keyId: HexString;
  /** base64 of the libsodium sealed box holding the 32-byte data key. */
  box: string;
}

export interface SealInput {
  text: string;
  salt: Uint8Array;
  recipients: SealRecipient[];
}

export interface Sealed {
  blob: Uint8Array;
  sealedDigest: HexString;
  wraps: Wrap[];
}

/** `keccak256("signet:box-key:v1" ‖ x25519PublicKey)`: names a recipient key without revealing anything new. */
export function keyId(boxPublicKey: Uint8Array): HexString {
  if (boxPublicKey.length !== 32)
    throw new FormatError(FormatErrorCode.INVALID_KEY, 'X25519 public key must be 32 bytes');
  return keccak256Hex(concatBytes(domainBytes(BOX_KEY_DOMAIN), boxPublicKey));
}

export function sealedDigest(blob: Uint8Array): HexString {
  return keccak256Hex(blob);
}

/**
 * Draws from `random`, in this order: the data key (32), the blob nonce (24), then one
 * ephemeral X25519 secret key (32) per recipient, in recipient order.
 */
export function seal(input: SealInput, random: RandomSource = systemRandom): Sealed {
  if (input.salt.length !== 32)
    throw new FormatError(FormatErrorCode.INVALID_LENGTH, 'salt must be 32 bytes', 'salt');
  if (input.recipients.length === 0)
    throw new FormatError(
      FormatErrorCode.INVALID_KEY,
      'at least one recipient is needed, or the text is lost',
    );
  const dataKey = random(nacl.secretbox.keyLength).slice(); // a copy: it is wiped below
  const nonce = random(nacl.secretbox.nonceLength);
  const plaintext = concatBytes(input.salt, utf8(input.text));
  const blob = concatBytes(
    BLOB_MAGIC,
    new Uint8Array([BLOB_VERSION]),
    nonce,
    nacl.secretbox(plaintext, nonce, dataKey),
  );
  plaintext.fill(0);
  const wraps = input.recipients.map((recipient) => ({
    keyId: recipient.keyId ?? keyId(recipient.publicKey),
    box: toBase64(sealBox(dataKey, recipient.publicKey, random)),
  }));
  dataKey.fill(0);
  return { blob, sealedDigest: sealedDigest(blob), wraps };
}

export interface BlobHeader {
  version: number;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

/** Splits a blob, saying which part of the header is wrong. */
export function parseBlob(blob: Uint8Array): BlobHeader {
  if (blob.length < BLOB_HEADER_LENGTH + nacl.secretbox.overheadLength + 32) {
    throw new FormatError(
      FormatErrorCode.INVALID_BLOB,
      `blob too short: ${blob.length} bytes, at least ${BLOB_HEADER_LENGTH + 16 + 32}`,
      'blob',
    );
  }
  if (!bytesEqual(blob.subarray(0, 4), BLOB_MAGIC))
    throw new FormatError(FormatErrorCode.INVALID_BLOB, 'does not start with "SGNT"', 'blob.magic');
  if (blob[4] !== BLOB_VERSION)
    throw new FormatError(
      FormatErrorCode.UNSUPPORTED_VERSION,
      `blob version ${blob[4]} is not supported (expected 1)`,
      'blob.version',
    );
  return {
    version: blob[4],
    nonce: blob.subarray(5, BLOB_HEADER_LENGTH),
    ciphertext: blob.subarray(BLOB_HEADER_LENGTH),
  };
}

/** Unwraps the data key with the recipient's X25519 key pair, then opens the blob. */
export function open(
  blob: Uint8Array,
  wrap: Wrap,
  boxSecretKey: Uint8Array,
  boxPublicKey: Uint8Array,
): { salt: Uint8Array; text: string } {
  if (wrap.keyId !== keyId(boxPublicKey))
    throw new FormatError(
      FormatErrorCode.WRAP_MISMATCH,
      'this wrap is addressed to another key',
      'wrap.keyId',
    );
  const header = parseBlob(blob);
  const dataKey = openBox(fromBase64(wrap.box, 'wrap.box'), boxSecretKey, boxPublicKey);
  if (dataKey.length !== nacl.secretbox.keyLength)
    throw new FormatError(FormatErrorCode.INVALID_BLOB, 'wrapped data key is not 32 bytes', 'wrap.box');
  const plaintext = nacl.secretbox.open(header.ciphertext, header.nonce, dataKey);
  dataKey.fill(0);
  if (plaintext === null)
    throw new FormatError(
      FormatErrorCode.DECRYPTION_FAILED,
      'the blob does not open with this data key (altered blob or wrap)',
      'blob',
    );
  return { salt: plaintext.slice(0, 32), text: fromUtf8(plaintext.subarray(32), 'text') };
}

/** Convenience for callers holding the digest as hex. */
export function digestMatches(blob: Uint8Array, digest: HexString): boolean {
  return bytesEqual(keccak256(blob), fromHex(digest, 32));
}
