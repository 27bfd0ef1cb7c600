import nacl from 'tweetnacl';
import { ed25519Sign, ed25519Verify, ed25519VerifyAsync, isStrictEd25519 } from './ed25519.signature';
import { ed25519PublicKey } from './ed25519.signature';

const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function littleEndian(value: bigint, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 1) out[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
}

function fromLittleEndian(bytes: Uint8Array): bigint {
  return bytes.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

describe('strict Ed25519 (FORMATS.md §5)', () => {
  const seed = new Uint8Array(32).fill(9);
  const publicKey = ed25519PublicKey(seed);
  const message = new Uint8Array(32).fill(7);
  const signature = ed25519Sign(message, seed);

  it('accepts a genuine signature, sync and async', async () => {
    expect(ed25519Verify(message, signature, publicKey)).toBe(true);
    await expect(ed25519VerifyAsync(message, signature, publicKey)).resolves.toBe(true);
  });

  it('refuses the malleated S + L that tweetnacl accepts', async () => {
    const s = fromLittleEndian(signature.subarray(32));
    const malleated = new Uint8Array(64);
    malleated.set(signature.subarray(0, 32));
    malleated.set(littleEndian(s + L, 32), 32);
    // The hole this closes: a second valid-looking signature for the same message and key.
    expect(nacl.sign.detached.verify(message, malleated, publicKey)).toBe(true);
    expect(ed25519Verify(message, malleated, publicKey)).toBe(false);
    await expect(ed25519VerifyAsync(message, malleated, publicKey)).resolves.toBe(false);
  });

  it('refuses a small-order key, whose one signature fits every message', () => {
    const identity = littleEndian(1n, 32);
    // R = identity, S = 0 satisfies [S]B = R + [k]A for every k when A is the identity.
    const universal = new Uint8Array(64);
    universal.set(identity);
    expect(nacl.sign.detached.verify(message, universal, identity)).toBe(true);
    expect(ed25519Verify(message, universal, identity)).toBe(false);
    const p = 2n ** 255n - 19n;
    const order8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022n;
    for (const y of [0n, 1n, p - 1n, order8, p - order8]) {
      const key = littleEndian(y, 32);
      expect(isStrictEd25519(signature, key)).toBe(false);
      key[31] |= 0x80; // the sign of x does not rescue it
      expect(isStrictEd25519(signature, key)).toBe(false);
    }
  });

  it('refuses a non-canonical key encoding (y ≥ p)', () => {
    const p = 2n ** 255n - 19n;
    for (const y of [p, p + 2n, 2n ** 255n - 1n]) {
      expect(isStrictEd25519(signature, littleEndian(y, 32))).toBe(false);
    }
    expect(isStrictEd25519(signature, publicKey)).toBe(true);
  });
});
