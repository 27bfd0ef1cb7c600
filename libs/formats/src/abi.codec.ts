import { concatBytes, fromHex } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';

/**
 * The slice of Solidity's `abi.encode` that Signet needs: every value is one static
 * 32-byte word, so encoding is concatenation. Kept by hand so that the formats library
 * needs no ethers (the lint boundary forbids it), and stays auditable.
 */
export type AbiWord = { bytes32: string } | { uint256: bigint } | { address: string };

export function encodeWords(words: AbiWord[]): Uint8Array {
  return concatBytes(...words.map(encodeWord));
}

function encodeWord(word: AbiWord): Uint8Array {
  if ('bytes32' in word) return fromHex(word.bytes32, 32);
  if ('uint256' in word) return uint256(word.uint256);
  const raw = fromHex(word.address.toLowerCase(), 20, 'address');
  const out = new Uint8Array(32);
  out.set(raw, 12); // addresses are left-padded to a word, like uint160
  return out;
}

function uint256(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 256n)
    throw new FormatError(FormatErrorCode.INVALID_LENGTH, 'uint256 out of range');
  return fromHex(`0x${value.toString(16).padStart(64, '0')}`, 32);
}
