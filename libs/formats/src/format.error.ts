/**
 * Every failure in this library is a FormatError with a stable code, so that callers (the
 * service, the CLI, a court's verifier) can map it once at their edge and tell the user
 * exactly what was wrong without parsing messages.
 */
export enum FormatErrorCode {
  INVALID_HEX = 'INVALID_HEX',
  INVALID_LENGTH = 'INVALID_LENGTH',
  INVALID_BASE64 = 'INVALID_BASE64',
  INVALID_UTF8 = 'INVALID_UTF8',
  INVALID_JSON = 'INVALID_JSON',
  INVALID_METADATA = 'INVALID_METADATA',
  INVALID_BLOCKCHAIN_ID = 'INVALID_BLOCKCHAIN_ID',
  INVALID_ADDRESS = 'INVALID_ADDRESS',
  INVALID_KEY = 'INVALID_KEY',
  INVALID_KEY_FILE = 'INVALID_KEY_FILE',
  INVALID_BLOB = 'INVALID_BLOB',
  UNSUPPORTED_VERSION = 'UNSUPPORTED_VERSION',
  WRAP_MISMATCH = 'WRAP_MISMATCH',
  DECRYPTION_FAILED = 'DECRYPTION_FAILED',
  INVALID_MERKLE_INPUT = 'INVALID_MERKLE_INPUT',
  INVALID_RECEIPT = 'INVALID_RECEIPT',
  INVALID_TIMESTAMP = 'INVALID_TIMESTAMP',
}

export class FormatError extends Error {
  constructor(
    readonly code: FormatErrorCode,
    message: string,
    /** Where in the input the problem is: a JSON path (`parties[1]`) or a part name (`address`). */
    readonly path?: string,
  ) {
    super(path === undefined ? message : `${path}: ${message}`);
    this.name = 'FormatError';
  }
}
