import { type HexString, concatBytes, utf8 } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import { domainBytes, keccak256Hex } from './keccak.hash';

export const COMMITMENT_DOMAIN = 'signet:commitment:v1';

/**
 * `C = keccak256("signet:commitment:v1" ‖ salt[32] ‖ utf8(text))`. The 32-byte secret salt
 * is what makes C hiding: without it, a short or guessable text could be found by trying.
 * The text is hashed byte for byte, with no Unicode normalisation, so the parties must
 * keep exactly the bytes they signed.
 */
export function commitment(salt: Uint8Array, text: string): HexString {
  if (salt.length !== 32)
    throw new FormatError(
      FormatErrorCode.INVALID_LENGTH,
      `salt must be 32 bytes, got ${salt.length}`,
      'salt',
    );
  return keccak256Hex(concatBytes(domainBytes(COMMITMENT_DOMAIN), salt, utf8(text)));
}
