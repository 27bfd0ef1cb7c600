import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { type HexString, concatBytes, toHex, utf8 } from './bytes.codec';

/** The sponge of the `keccak` package's N-API addon (XKCP's 64-bit C code). */
interface NativeSponge {
  initialize(rate: number, capacity: number): void;
  absorb(data: ArrayBufferView): void;
  squeeze(length: number): Uint8Array;
}

// keccak256: rate 1088 bits, capacity 512; squeezing without a suffix pads Ethereum's way (0x01).
const RATE = 1088;
const CAPACITY = 512;
const EMPTY_DIGEST = 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470';

/**
 * The sealed digest hashes a whole blob per deposit: with @noble's pure JavaScript keccak
 * (~20 MB/s) that was a tenth of the deposit API's CPU. The addon is ~10 times faster on
 * a blob and 2-4 times on the 32-200 byte EIP-712 words (`npm run bench:crypto`), and
 * unlike WASM ones it is ready synchronously. node:crypto's sha3-256 pads differently, so
 * it is not Ethereum's keccak. The addon ships prebuilt for x64 only (node-gyp-build picks
 * it; nothing is compiled at install), so anywhere else, or if it answers wrongly, @noble
 * serves: the same bytes, slower. The sponge class is the addon's own, not the package's
 * stream API, whose per-call setup costs more than hashing 32 bytes.
 */
function loadNativeSponge(): NativeSponge | undefined {
  try {
    const nodeRequire = createRequire(__filename);
    const build = nodeRequire('node-gyp-build') as (dir: string) => new () => NativeSponge;
    const Sponge = build(dirname(nodeRequire.resolve('keccak/package.json')));
    const sponge = new Sponge();
    sponge.initialize(RATE, CAPACITY);
    const empty = Buffer.from(sponge.squeeze(32)).toString('hex');
    sponge.initialize(RATE, CAPACITY);
    return empty === EMPTY_DIGEST ? sponge : undefined;
  } catch {
    return undefined;
  }
}

// One sponge serves every call: hashing is synchronous, so calls never interleave.
const sponge = loadNativeSponge();

/** Which implementation this process hashes with, for benchmarks and the platform check. */
export const keccakBackend: 'native' | 'noble' = sponge ? 'native' : 'noble';

function nativeKeccak256(native: NativeSponge, parts: Uint8Array[]): Uint8Array {
  try {
    for (const part of parts) {
      // The addon does not check its argument: anything but a byte view would abort the process.
      if (!ArrayBuffer.isView(part)) throw new TypeError('keccak256 hashes Uint8Arrays');
      native.absorb(part);
    }
    const digest = native.squeeze(32);
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  } finally {
    // Ready for the next call, and no trace of this input (which may be secret) is kept.
    native.initialize(RATE, CAPACITY);
  }
}

/** H of DECISIONS.md: keccak256, the chain's own hash, so the contract can recompute it. */
export function keccak256(...parts: Uint8Array[]): Uint8Array {
  if (sponge) return nativeKeccak256(sponge, parts);
  return keccak_256(parts.length === 1 ? parts[0] : concatBytes(...parts));
}

export function keccak256Hex(...parts: Uint8Array[]): HexString {
  return toHex(keccak256(...parts));
}

/** A domain string is hashed as its raw UTF-8 bytes, without length or terminator. */
export function domainBytes(domain: string): Uint8Array {
  return utf8(domain);
}
