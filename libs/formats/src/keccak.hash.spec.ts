import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, toHex, utf8 } from './bytes.codec';
import { keccak256, keccak256Hex, keccakBackend } from './keccak.hash';

/** Deterministic bytes (xorshift32), so a failing input can be rebuilt from its length and seed. */
function pseudoRandom(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const reference = (bytes: Uint8Array): string => toHex(keccak_256(bytes));

// The rate is 136 bytes: lengths around its multiples are where padding goes wrong.
const lengths = [
  0,
  1,
  2,
  31,
  32,
  33,
  55,
  56,
  64,
  127,
  128,
  134,
  135,
  136,
  137,
  200,
  271,
  272,
  273,
  407,
  408,
  409,
  1000,
  4096,
  11 * 1024,
  65_537,
];

describe('keccak256', () => {
  it('uses the native addon on x64, where it ships prebuilt', () => {
    if (process.arch === 'x64' && ['linux', 'darwin', 'win32'].includes(process.platform)) {
      expect(keccakBackend).toBe('native');
    }
  });

  it("is Ethereum's keccak256, not SHA3-256", () => {
    expect(keccak256Hex(new Uint8Array(0))).toBe(
      '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    );
    expect(keccak256Hex(utf8('abc'))).toBe(
      '0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45',
    );
  });

  it('matches @noble/hashes at every length around the block boundaries', () => {
    for (const [seed, length] of lengths.entries()) {
      const input = pseudoRandom(length, seed + 1);
      expect({ length, digest: keccak256Hex(input) }).toEqual({ length, digest: reference(input) });
    }
  });

  it('hashes several parts as their concatenation, wherever they split', () => {
    const whole = pseudoRandom(700, 99);
    const cuts = [[0], [0, 0, 700], [1, 135], [135, 136, 137], [136, 272, 408], [32, 64, 96, 600], [699]];
    for (const cut of cuts) {
      const bounds = [0, ...cut, whole.length];
      const parts = bounds.slice(1).map((end, i) => whole.subarray(bounds[i], end));
      expect({ cut, digest: keccak256Hex(...parts) }).toEqual({ cut, digest: reference(whole) });
    }
    expect(keccak256Hex()).toBe(reference(new Uint8Array(0)));
  });

  it('hashes only the bytes a view covers', () => {
    const buffer = pseudoRandom(300, 7);
    const view = buffer.subarray(17, 17 + 137);
    expect(keccak256Hex(view)).toBe(reference(concatBytes(view)));
  });

  it('returns a fresh 32-byte Uint8Array that the next call leaves alone', () => {
    const first = keccak256(utf8('first'));
    const copy = first.slice();
    keccak256(utf8('second'));
    expect(first).toBeInstanceOf(Uint8Array);
    expect(first.length).toBe(32);
    expect(first).toEqual(copy);
  });

  it('refuses a part that is not bytes, and the next call is still right', () => {
    const bad = [utf8('a'), 'not bytes' as unknown as Uint8Array];
    expect(() => keccak256(...bad)).toThrow(TypeError);
    expect(keccak256Hex(utf8('abc'))).toBe(reference(utf8('abc')));
  });
});
