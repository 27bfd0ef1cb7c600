import { FormatError, FormatErrorCode } from './format.error';

/**
 * RFC 8785 (JSON Canonicalization Scheme) for values that came from JSON.
 *
 * Why not the `canonicalize` package: its 4.x ships ESM with only an `import` export
 * condition, so neither Node's `require` (our build is CommonJS) nor Jest can resolve it.
 * The algorithm is short: ECMAScript number and string serialisation (which RFC 8785 adopts
 * verbatim) and object members sorted by UTF-16 code units. The spec checks this function
 * against `canonicalize` itself and against the RFC's examples.
 *
 * Unlike JSON.stringify this refuses what JSON cannot carry (undefined inside arrays,
 * NaN, Infinity, functions, class instances, lone surrogates), because a value that does
 * not survive a JSON round trip would hash differently at the verifier.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$');
}

function serialise(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(path, 'numbers must be finite');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (!isWellFormed(value)) throw invalid(path, 'strings must be well-formed Unicode (no lone surrogates)');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => serialise(item, `${path}[${i}]`)).join(',')}]`;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined) // as JSON.stringify: an absent member
      .sort() // default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks
      .map((key) => {
        if (!isWellFormed(key)) throw invalid(path, 'member names must be well-formed Unicode');
        return `${JSON.stringify(key)}:${serialise(record[key], `${path}.${key}`)}`;
      });
    return `{${members.join(',')}}`;
  }
  throw invalid(path, `a ${typeof value} cannot be represented in JSON`);
}

// With the `u` flag a surrogate pair is one code point, so \p{Cs} matches only lone halves.
// (String.prototype.isWellFormed is ES2024; this code targets ES2022.)
const LONE_SURROGATE = /\p{Cs}/u;

function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function invalid(path: string, message: string): FormatError {
  return new FormatError(FormatErrorCode.INVALID_JSON, message, path);
}
