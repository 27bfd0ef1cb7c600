import { isHex } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';

/** Shape checks shared by the receipt and the evidence bundle; each fails with INVALID_RECEIPT and a path. */
export const shape = {
  fail(path: string, message: string): FormatError {
    return new FormatError(FormatErrorCode.INVALID_RECEIPT, message, path);
  },

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw shape.fail(path, 'must be a JSON object');
    return value as Record<string, unknown>;
  },

  /** FORMATS.md §1: an unknown member is an error, so no two readers see different documents. */
  members(value: Record<string, unknown>, allowed: string[], path: string): void {
    const unknown = Object.keys(value).find((key) => !allowed.includes(key));
    if (unknown !== undefined) throw shape.fail(`${path}.${unknown}`, 'unknown member');
  },

  list(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) throw shape.fail(path, 'must be an array');
    return value;
  },

  hex(value: unknown, bytes: number, path: string): void {
    if (!isHex(value, bytes)) throw shape.fail(path, `must be 0x + ${bytes * 2} lower-case hex`);
  },

  integer(value: unknown, path: string): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      throw shape.fail(path, 'must be a non-negative integer');
  },

  /** `{credentialId, publicKey, signature}` plus the `extra` members allowed. */
  signature(value: unknown, path: string, extra: string[]): Record<string, unknown> {
    const sig = shape.object(value, path);
    shape.members(sig, ['credentialId', 'publicKey', 'signature', ...extra], path);
    shape.hex(sig.credentialId, 32, `${path}.credentialId`);
    shape.hex(sig.publicKey, 32, `${path}.publicKey`);
    shape.hex(sig.signature, 64, `${path}.signature`);
    return sig;
  },
};
