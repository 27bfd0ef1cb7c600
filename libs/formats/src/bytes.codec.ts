import { FormatError, FormatErrorCode } from './format.error';

/** `0x`-prefixed lower-case hex, the wire form of every fixed-size value (DECISIONS.md). */
export type HexString = string;

const HEX_RE = /^0x([0-9a-f]{2})*$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function toHex(bytes: Uint8Array): HexString {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

/**
 * Strict: upper-case hex is refused, because two spellings of one value would give two
 * different canonical JSON documents and so two metadata hashes.
 */
export function fromHex(hex: string, length?: number, path?: string): Uint8Array {
  if (typeof hex !== 'string' || !HEX_RE.test(hex)) {
    throw new FormatError(
      FormatErrorCode.INVALID_HEX,
      'expected 0x-prefixed lower-case hex with an even number of digits',
      path,
    );
  }
  const bytes = new Uint8Array(Buffer.from(hex.slice(2), 'hex'));
  if (length !== undefined && bytes.length !== length) {
    throw new FormatError(
      FormatErrorCode.INVALID_LENGTH,
      `expected ${length} bytes, got ${bytes.length}`,
      path,
    );
  }
  return bytes;
}

export function isHex(value: unknown, length?: number): value is HexString {
  return (
    typeof value === 'string' &&
    HEX_RE.test(value) &&
    (length === undefined || value.length === 2 + 2 * length)
  );
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Node's decoder silently skips bad characters; a verifier must not. Accepts exactly what
 * BASE64_RE matches. A sealed blob is ~15 k characters per deposit, and matching it with the
 * regex cost ten times the decoding, so the common case is checked natively instead: text
 * that re-encodes to itself is canonical base64, which the regex always matches. Only text
 * that does not (malformed, or padding bits that are not zero) is left to the regex.
 */
export function fromBase64(text: string, path?: string): Uint8Array {
  if (typeof text === 'string') {
    const decoded = Buffer.from(text, 'base64');
    if (decoded.toString('base64') === text || BASE64_RE.test(text)) return plainBytes(decoded);
  }
  throw new FormatError(FormatErrorCode.INVALID_BASE64, 'expected standard padded base64', path);
}

/**
 * The same bytes as a plain Uint8Array (callers compare and serialise Uint8Arrays, not
 * Buffers). A Buffer with memory of its own is viewed, not copied: a sealed blob is ~11 KiB
 * per deposit. A small one shares Node's pool, whose `.buffer` holds other data; it is copied.
 */
function plainBytes(buffer: Buffer): Uint8Array {
  return buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength
    ? new Uint8Array(buffer.buffer, 0, buffer.byteLength)
    : new Uint8Array(buffer);
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export function fromUtf8(bytes: Uint8Array, path?: string): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new FormatError(FormatErrorCode.INVALID_UTF8, 'not valid UTF-8', path);
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export const ZERO_BYTES32: HexString = `0x${'00'.repeat(32)}`;
