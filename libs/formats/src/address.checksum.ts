import { toHex, utf8 } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import { keccak256 } from './keccak.hash';

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** EIP-55: a hex digit is upper-case when the matching nibble of keccak256(lower-case hex) is ≥ 8. */
export function toChecksumAddress(address: string): string {
  if (!ADDRESS_RE.test(address))
    throw new FormatError(FormatErrorCode.INVALID_ADDRESS, 'expected 0x + 40 hex digits', 'address');
  const lower = address.slice(2).toLowerCase();
  const hash = toHex(keccak256(utf8(lower))).slice(2);
  let out = '0x';
  for (let i = 0; i < 40; i++) out += parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i];
  return out;
}

export function isChecksumAddress(address: string): boolean {
  return ADDRESS_RE.test(address) && toChecksumAddress(address) === address;
}
