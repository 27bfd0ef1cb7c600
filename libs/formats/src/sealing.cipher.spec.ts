import { fromBase64, fromHex, toBase64, toHex } from './bytes.codec';
import { FormatErrorCode } from './format.error';
import { generateKeyPair } from './key-pair.keys';
import { openBox, sealBox } from './sealed-box.cipher';
import { BLOB_HEADER_LENGTH, keyId, open, parseBlob, seal } from './sealing.cipher';
import { caught } from './caught.spec-helper';

const alice = generateKeyPair();
const regulator = generateKeyPair();
const salt = new Uint8Array(32).fill(9);
const text = 'Mutual NDA — 5 years. 😀';
const sealed = seal({
  text,
  salt,
  recipients: [{ publicKey: alice.box.publicKey }, { publicKey: regulator.box.publicKey }],
});

const flip = (bytes: Uint8Array, at: number): Uint8Array => {
  const copy = bytes.slice();
  copy[at < 0 ? copy.length + at : at] ^= 0x01;
  return copy;
};

describe('sealed box (libsodium crypto_box_seal format)', () => {
  it('opens the libsodium reference vector (from PyNaCl tests/data/sealed_box_ref.txt)', () => {
    const sk = fromHex('0x77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 32);
    const pk = fromHex('0x8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a', 32);
    const plaintext =
      '0xbe075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705';
    const box =
      '0x199c808806a62c1be56951023ad3396b0ce0ef2c5b9ca688ac96d2d06ca43f65d314400cc9bbefb23dd26f824c9cb553f81e8c894ea9a553f4d777c77b66d5a6925da3f5961c5f7147172db5597ac14210066ee3ee13e6230a9a9610e9cddbf24094f54fbbf6694c08a436cec39ff5a373656d9584f4df9dd8c817e2e597540628d0ee21a6524a3fcf3eabdc0968390bd260a47366ead7f71cc2e774d411d96f3497c7e10291937bc16dc46a111686b85a8c86';
    expect(toHex(openBox(fromHex(box), sk, pk))).toBe(plaintext);
  });

  it('round-trips and refuses the wrong key or a changed byte', () => {
    const boxed = sealBox(new Uint8Array([1, 2, 3]), alice.box.publicKey);
    expect([...openBox(boxed, alice.box.secretKey, alice.box.publicKey)]).toEqual([1, 2, 3]);
    expect(caught(() => openBox(boxed, regulator.box.secretKey, regulator.box.publicKey))).toMatchObject({
      code: FormatErrorCode.DECRYPTION_FAILED,
    });
    expect(caught(() => openBox(flip(boxed, 0), alice.box.secretKey, alice.box.publicKey))).toMatchObject({
      code: FormatErrorCode.DECRYPTION_FAILED,
    });
    expect(
      caught(() => openBox(boxed.subarray(0, 40), alice.box.secretKey, alice.box.publicKey)),
    ).toMatchObject({ code: FormatErrorCode.INVALID_BLOB });
  });
});

describe('seal / open', () => {
  it('every recipient opens the same salt and text', () => {
    for (const [i, pair] of [alice, regulator].entries()) {
      expect(sealed.wraps[i].keyId).toBe(keyId(pair.box.publicKey));
      const opened = open(sealed.blob, sealed.wraps[i], pair.box.secretKey, pair.box.publicKey);
      expect(opened.text).toBe(text);
      expect(toHex(opened.salt)).toBe(toHex(salt));
    }
  });

  it('lays the blob out as "SGNT" ‖ 0x01 ‖ nonce[24] ‖ secretbox', () => {
    expect(Buffer.from(sealed.blob.subarray(0, 5)).toString('latin1')).toBe('SGNT\x01');
    expect(sealed.blob.length).toBe(BLOB_HEADER_LENGTH + 16 + 32 + Buffer.byteLength(text));
    expect(parseBlob(sealed.blob).nonce.length).toBe(24);
  });

  it('uses a fresh data key and nonce each time', () => {
    const again = seal({ text, salt, recipients: [{ publicKey: alice.box.publicKey }] });
    expect(again.sealedDigest).not.toBe(sealed.sealedDigest);
  });

  it('fails on a changed byte in the blob: header, nonce, ciphertext or tag', () => {
    const w = sealed.wraps[0];
    const tryOpen = (blob: Uint8Array) => () => open(blob, w, alice.box.secretKey, alice.box.publicKey);
    expect(caught(tryOpen(flip(sealed.blob, 0)))).toMatchObject({
      code: FormatErrorCode.INVALID_BLOB,
      path: 'blob.magic',
    });
    expect(caught(tryOpen(flip(sealed.blob, 4)))).toMatchObject({
      code: FormatErrorCode.UNSUPPORTED_VERSION,
      path: 'blob.version',
    });
    for (const at of [5, 28, 29, 45, -1])
      expect(caught(tryOpen(flip(sealed.blob, at)))).toMatchObject({
        code: FormatErrorCode.DECRYPTION_FAILED,
      });
    expect(caught(tryOpen(sealed.blob.subarray(0, 60)))).toMatchObject({
      code: FormatErrorCode.INVALID_BLOB,
      path: 'blob',
    });
  });

  it('fails on a changed wrap, a wrap for another key, or bad base64', () => {
    const w = sealed.wraps[0];
    const tampered = { ...w, box: toBase64(flip(fromBase64(w.box), 40)) };
    expect(caught(() => open(sealed.blob, tampered, alice.box.secretKey, alice.box.publicKey))).toMatchObject(
      { code: FormatErrorCode.DECRYPTION_FAILED },
    );
    expect(
      caught(() => open(sealed.blob, sealed.wraps[1], alice.box.secretKey, alice.box.publicKey)),
    ).toMatchObject({ code: FormatErrorCode.WRAP_MISMATCH });
    expect(
      caught(() => open(sealed.blob, { ...w, box: 'not base64!' }, alice.box.secretKey, alice.box.publicKey)),
    ).toMatchObject({ code: FormatErrorCode.INVALID_BASE64 });
    // The right keyId but the wrong secret key: the box does not open.
    expect(caught(() => open(sealed.blob, w, regulator.box.secretKey, alice.box.publicKey))).toMatchObject({
      code: FormatErrorCode.DECRYPTION_FAILED,
    });
  });

  it('refuses a bad salt or no recipients', () => {
    expect(
      caught(() =>
        seal({ text, salt: new Uint8Array(16), recipients: [{ publicKey: alice.box.publicKey }] }),
      ),
    ).toMatchObject({ code: FormatErrorCode.INVALID_LENGTH });
    expect(caught(() => seal({ text, salt, recipients: [] }))).toMatchObject({
      code: FormatErrorCode.INVALID_KEY,
    });
  });
});
