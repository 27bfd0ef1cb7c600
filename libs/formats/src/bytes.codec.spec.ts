import { fromBase64, toBase64, utf8 } from './bytes.codec';
import { caught } from './caught.spec-helper';
import { FormatErrorCode } from './format.error';

/** The rule fromBase64 enforces, as the regex it was written as: the oracle for the fast path. */
const STANDARD_PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const refused = (text: unknown): unknown => caught(() => fromBase64(text as string, 'sealedBlob'));

/** Deterministic choices (xorshift32), so a failing string can be rebuilt from the seed. */
function chooser(seed: number): (n: number) => number {
  let x = seed | 1;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

describe('fromBase64', () => {
  it('decodes what toBase64 encodes, at every padding and at blob size', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 32, 80, 11 * 1024 + 1]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const decoded = fromBase64(toBase64(bytes));
      expect(decoded).toEqual(bytes);
      expect(Object.getPrototypeOf(decoded)).toBe(Uint8Array.prototype);
    }
  });

  it.each([
    ['a character outside the alphabet', 'not base64!'],
    ['the url-safe alphabet', 'ab-_'],
    ['missing padding', 'QQ'],
    ['short padding', 'QQ='],
    ['padding on a full group', 'QUJD='],
    ['padding in the middle', 'QQ==QUJD'],
    ['only padding', '===='],
    ['three padding characters', 'Q==='],
    ['a trailing newline', 'QUJD\n'],
    ['a leading space', ' QUJD'],
    ['a space inside', 'QU JD'],
    ['a line break inside', 'QUJD\r\nQUJD'],
    ['a non-ASCII character', 'QUJ\u00e9'],
  ])('refuses %s with INVALID_BASE64 and the path', (_, text) => {
    expect(refused(text)).toMatchObject({ code: FormatErrorCode.INVALID_BASE64, path: 'sealedBlob' });
  });

  it('refuses a value that is not a string', () => {
    for (const value of [undefined, null, 42, new Uint8Array(4), ['QUJD']]) {
      expect(refused(value)).toMatchObject({ code: FormatErrorCode.INVALID_BASE64 });
    }
  });

  // RFC 4648 §3.5 lets a decoder accept padding bits that are not zero; the rule always has,
  // and they decode as if they were zero. Refusing them would be a change to the format.
  it('accepts non-zero padding bits, decoding them as zero', () => {
    expect(toBase64(utf8('A'))).toBe('QQ==');
    expect(fromBase64('QR==')).toEqual(utf8('A'));
    expect(toBase64(utf8('AB'))).toBe('QUI=');
    expect(fromBase64('QUJ=')).toEqual(utf8('AB'));
  });

  it('accepts exactly the strings the rule matches, and decodes them as Node does', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const noise = ['=', '-', '_', ' ', '\n', '.', '\u00e9', ...alphabet.slice(0, 8)];
    for (let seed = 1; seed <= 3000; seed++) {
      const pick = chooser(seed);
      let text = toBase64(Uint8Array.from({ length: pick(12) }, () => pick(256)));
      for (let edits = pick(3); edits > 0; edits--) {
        const at = pick(text.length + 1);
        const drop = pick(2);
        text = text.slice(0, at) + noise[pick(noise.length)] + text.slice(at + drop);
      }
      if (STANDARD_PADDED.test(text)) {
        expect({ seed, text, decoded: fromBase64(text) }).toEqual({
          seed,
          text,
          decoded: new Uint8Array(Buffer.from(text, 'base64')),
        });
      } else {
        expect({ seed, text, error: refused(text) }).toMatchObject({
          seed,
          text,
          error: { code: FormatErrorCode.INVALID_BASE64 },
        });
      }
    }
  });
});
