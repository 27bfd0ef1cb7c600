import { keccak_256 } from '@noble/hashes/sha3.js';
import { type HexString, concatBytes, toHex, utf8 } from './bytes.codec';

/** H of DECISIONS.md: keccak256, the chain's own hash, so the contract can recompute it. */
export function keccak256(...parts: Uint8Array[]): Uint8Array {
  return keccak_256(parts.length === 1 ? parts[0] : concatBytes(...parts));
}

export function keccak256Hex(...parts: Uint8Array[]): HexString {
  return toHex(keccak256(...parts));
}

/** A domain string is hashed as its raw UTF-8 bytes, without length or terminator. */
export function domainBytes(domain: string): Uint8Array {
  return utf8(domain);
}
