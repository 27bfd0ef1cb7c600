import nacl from 'tweetnacl';
import { fromHex, toHex } from './bytes.codec';
import {
  ed25519PublicKey,
  ed25519Sign,
  ed25519Signer,
  ed25519Verify,
  ed25519VerifyAsync,
} from './ed25519.signature';
import { FormatErrorCode } from './format.error';
import { generateKeyPair, keyPairFromSeeds, parseKeyPair, serialiseKeyPair } from './key-pair.keys';
import { caught } from './caught.spec-helper';

const message = new Uint8Array(32).fill(0x42);

describe('Ed25519 via node:crypto', () => {
  it('matches RFC 8032 test vector 1', () => {
    const seed = fromHex('0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 32);
    expect(toHex(ed25519PublicKey(seed))).toBe(
      '0xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    expect(toHex(ed25519Sign(new Uint8Array(0), seed))).toBe(
      '0xe5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('signs byte for byte like tweetnacl, and each verifies the other', () => {
    const pair = generateKeyPair();
    const naclPair = nacl.sign.keyPair.fromSeed(pair.signing.secretKey);
    expect(toHex(naclPair.publicKey)).toBe(toHex(pair.signing.publicKey));
    const signature = ed25519Sign(message, pair.signing.secretKey);
    expect(toHex(nacl.sign.detached(message, naclPair.secretKey))).toBe(toHex(signature));
    expect(nacl.sign.detached.verify(message, signature, pair.signing.publicKey)).toBe(true);
    expect(ed25519Verify(message, signature, pair.signing.publicKey)).toBe(true);
    expect(toHex(ed25519Signer(pair.signing.secretKey)(message))).toBe(toHex(signature));
  });

  it('rejects a flipped bit anywhere, and malformed input, without throwing', () => {
    const pair = generateKeyPair();
    const signature = ed25519Sign(message, pair.signing.secretKey);
    for (const [i, bytes] of [
      [0, signature],
      [63, signature],
      [5, message],
      [31, pair.signing.publicKey],
    ] as const) {
      const copy = bytes.slice();
      copy[i] ^= 1;
      const args: [Uint8Array, Uint8Array, Uint8Array] = [message, signature, pair.signing.publicKey];
      args[bytes === message ? 0 : bytes === signature ? 1 : 2] = copy;
      expect(ed25519Verify(...args)).toBe(false);
    }
    expect(ed25519Verify(message, signature.subarray(1), pair.signing.publicKey)).toBe(false);
    expect(ed25519Verify(message, signature, new Uint8Array(31))).toBe(false);
    expect(caught(() => ed25519Sign(message, new Uint8Array(31)))).toMatchObject({
      code: FormatErrorCode.INVALID_KEY,
    });
  });

  it('answers the same on the thread pool (ed25519VerifyAsync), for good and bad input alike', async () => {
    const pair = generateKeyPair();
    const signature = ed25519Sign(message, pair.signing.secretKey);
    const flipped = signature.slice();
    flipped[10] ^= 1;
    const cases: Array<[Uint8Array, Uint8Array, Uint8Array]> = [
      [message, signature, pair.signing.publicKey],
      [message, flipped, pair.signing.publicKey],
      [message, signature, generateKeyPair().signing.publicKey],
      [message, signature.subarray(1), pair.signing.publicKey],
      [message, signature, new Uint8Array(31)],
      [message, signature, new Uint8Array(32)],
    ];
    expect(await Promise.all(cases.map((args) => ed25519VerifyAsync(...args)))).toEqual(
      cases.map((args) => ed25519Verify(...args)),
    );
    expect(ed25519Verify(...cases[0])).toBe(true);
  });
});

describe('SignetKeyPair files', () => {
  it('round-trips through JSON with hex fields', () => {
    const pair = generateKeyPair();
    const text = serialiseKeyPair(pair);
    expect(JSON.parse(text)).toMatchObject({
      version: 'signet-keys/1',
      box: { publicKey: toHex(pair.box.publicKey) },
    });
    expect(parseKeyPair(text)).toEqual(pair);
    expect(toHex(nacl.box.keyPair.fromSecretKey(pair.box.secretKey).publicKey)).toBe(
      toHex(pair.box.publicKey),
    );
  });

  it('is deterministic from seeds', () => {
    const a = keyPairFromSeeds(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2));
    expect(keyPairFromSeeds(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2))).toEqual(a);
  });

  it.each<[string, (json: Record<string, Record<string, string>>) => unknown, string | undefined]>([
    ['a wrong version', (j) => ({ ...j, version: 'x' }), 'version'],
    ['a short key', (j) => ({ ...j, box: { ...j.box, secretKey: '0x12' } }), 'box.secretKey'],
    [
      'a public key of another pair',
      (j) => ({ ...j, signing: { ...j.signing, publicKey: j.box.publicKey } }),
      'signing.publicKey',
    ],
    [
      'a box public key of another pair',
      (j) => ({ ...j, box: { ...j.box, publicKey: j.signing.publicKey } }),
      'box.publicKey',
    ],
    ['null', () => null, undefined],
  ])('refuses %s', (_label, change, path) => {
    const json = JSON.parse(serialiseKeyPair(generateKeyPair())) as Record<string, Record<string, string>>;
    expect(caught(() => parseKeyPair(JSON.stringify(change(json))))).toMatchObject({
      code: FormatErrorCode.INVALID_KEY_FILE,
      path,
    });
  });

  it('refuses text that is not JSON', () => {
    expect(caught(() => parseKeyPair('{'))).toMatchObject({ code: FormatErrorCode.INVALID_KEY_FILE });
  });
});
