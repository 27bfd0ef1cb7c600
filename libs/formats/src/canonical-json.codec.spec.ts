import { join } from 'node:path';
import { canonicalJson } from './canonical-json.codec';
import { FormatErrorCode } from './format.error';
import { caught } from './caught.spec-helper';

// The `canonicalize` package cannot be resolved by name from CommonJS (import-only exports),
// so the spec loads its file directly to check our implementation against it.
type Canonicalize = { default: (value: unknown) => string };
const referencePath = join(__dirname, '../../../node_modules/canonicalize/lib/canonicalize.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = (require(referencePath) as Canonicalize).default;

describe('canonicalJson (RFC 8785)', () => {
  it('sorts members by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], '€': 0, '\u0080': 1, '😀': 2, ﬃ: 3 })).toBe(
      '{"a":[true,null,"x"],"b":1,"\u0080":1,"€":0,"😀":2,"ﬃ":3}',
    );
  });

  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3 examples)', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [333333333.3333333, '333333333.3333333'],
      [9007199254740992, '9007199254740992'],
      [4.5, '4.5'],
      [2e-3, '0.002'],
      [0.000001, '0.000001'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [5e-324, '5e-324'],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n)).toBe(text);
  });

  it('escapes strings minimally, as RFC 8785 §3.2.2.2 requires', () => {
    expect(canonicalJson('\u20ac$\u000f\nA\'B"\\\\"/')).toBe('"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"');
  });

  it('agrees with the canonicalize package on a mixed document', () => {
    const doc = {
      z: { y: [1, 2.5, -0.1, 1e30, 'ü', { b: null, a: false }] },
      a: 'x',
      é: 'accent',
      '\u007f': 'del',
      A: [],
    };
    expect(canonicalJson(doc)).toBe(reference(doc));
  });

  it.each([
    ['NaN', { a: NaN }],
    ['Infinity', [Infinity]],
    ['a lone surrogate', { a: '\ud800' }],
    ['a Date', { a: new Date(0) }],
    ['a function', { a: () => 1 }],
    ['undefined in an array', [undefined]],
    ['a bigint', { a: 1n }],
  ])('refuses %s', (_label, value) => {
    expect(caught(() => canonicalJson(value))).toMatchObject({ code: FormatErrorCode.INVALID_JSON });
  });

  it('omits undefined members, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
