import { randomBytes } from 'node:crypto';
import {
  isRetentionWrapped,
  retentionKeyIdOf,
  unwrapForRetention,
  wrapForRetention,
} from './retention-wrap.codec';

describe('the retention wrap', () => {
  const blob = new Uint8Array(Buffer.concat([Buffer.from('SGNT'), randomBytes(200)]));
  const blobKey = 'ab'.repeat(32);
  const key = new Uint8Array(randomBytes(32));

  it('round-trips, names its key, and is the same bytes when written again', () => {
    const wrapped = wrapForRetention(blob, blobKey, 'epoch-2026-12', key);
    expect(isRetentionWrapped(wrapped)).toBe(true);
    expect(isRetentionWrapped(blob)).toBe(false);
    expect(retentionKeyIdOf(wrapped)).toBe('epoch-2026-12');
    expect(Buffer.from(unwrapForRetention(wrapped, blobKey, key))).toEqual(Buffer.from(blob));
    expect(Buffer.from(wrapForRetention(blob, blobKey, 'epoch-2026-12', key))).toEqual(Buffer.from(wrapped));
  });

  it('does not open under another key, for another blob key, or altered', () => {
    const wrapped = wrapForRetention(blob, blobKey, 'epoch-2026-12', key);
    expect(() => unwrapForRetention(wrapped, blobKey, new Uint8Array(randomBytes(32)))).toThrow(
      /does not open/,
    );
    expect(() => unwrapForRetention(wrapped, 'cd'.repeat(32), key)).toThrow(/does not open/);
    const altered = Uint8Array.from(wrapped);
    altered[altered.length - 20] ^= 1;
    expect(() => unwrapForRetention(altered, blobKey, key)).toThrow(/does not open/);
  });
});
