import { Buffer } from 'buffer/';

/**
 * libs/formats converts hex and base64 with Node's Buffer; in the page the `buffer` package
 * (Node's API in JavaScript, imported as 'buffer/' so no Node core module is meant) stands in.
 * esbuild injects this module wherever Buffer is used. That package predates Node's
 * `base64url` encoding, which libs/formats uses to hand raw Ed25519 keys over as JWK, so the
 * two conversions that need it are taught it here.
 */

const toBase64Url = (base64: string): string =>
  base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string): string => text.replace(/-/g, '+').replace(/_/g, '/');

// eslint-disable-next-line @typescript-eslint/unbound-method -- always called with a buffer as `this`
const toString = Buffer.prototype.toString;
Buffer.prototype.toString = function (this: Buffer, encoding?: string, start?: number, end?: number): string {
  if (encoding === 'base64url') return toBase64Url(toString.call(this, 'base64', start, end));
  return toString.call(this, encoding, start, end);
};

const from = Buffer.from.bind(Buffer) as (value: unknown, encoding?: unknown) => Buffer;
(Buffer as { from: unknown }).from = (value: unknown, encoding?: unknown): Buffer =>
  encoding === 'base64url' && typeof value === 'string'
    ? from(fromBase64Url(value), 'base64')
    : from(value, encoding);

export { Buffer };
