import { randomBytes } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { BlobConflictError, KeyDestroyedError } from '@signet/domain';
import { FakeBlobStore, FakeKeyVault, FixedClock } from '@signet/testing';
import { RetentionBlobStore } from './retention-blob-store.decorator';
import { isRetentionWrapped, retentionKeyIdOf } from './retention-wrap.codec';

function blob(size = 200): { key: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(randomBytes(size));
  return { key: Buffer.from(keccak_256(bytes)).toString('hex'), bytes };
}

// The rules of the layer on in-memory ports; test/integration/retention-blob-store.test.ts
// runs the same layer over s3rver and the blob directory.
describe('RetentionBlobStore', () => {
  let inner: FakeBlobStore;
  let vault: FakeKeyVault;
  let clock: FixedClock;
  let store: RetentionBlobStore;
  beforeEach(() => {
    inner = new FakeBlobStore();
    vault = new FakeKeyVault();
    clock = new FixedClock(new Date('2026-12-31T23:59:00Z'));
    store = new RetentionBlobStore(inner, vault, clock);
  });

  it('stores the blob wrapped under the month’s epoch key and gives the sealed bytes back', async () => {
    const { key, bytes } = blob();
    await store.putDigested(key, bytes);
    const atRest = inner.blobs.get(key)!;
    expect(isRetentionWrapped(atRest)).toBe(true);
    expect(retentionKeyIdOf(atRest)).toBe('epoch-2026-12');
    expect(Buffer.from(atRest).includes(Buffer.from(bytes))).toBe(false);
    expect(await vault.list()).toEqual(['epoch-2026-12']);
    expect(Buffer.from((await store.get(key))!).equals(bytes)).toBe(true);
  });

  it('takes the same blob again in the next month, and refuses other bytes under its key', async () => {
    const { key, bytes } = blob();
    await store.put(key, bytes);
    clock.at = new Date('2027-01-01T00:01:00Z');
    // Wrapped under another key the bytes at rest differ: the inner store refuses, the layer looks closer.
    await expect(store.put(key, Uint8Array.from(bytes))).resolves.toBeUndefined();
    expect(await store.keyIdOf(key)).toBe('epoch-2026-12');
    const other = Uint8Array.from(bytes);
    other[0] ^= 1;
    await expect(store.put(key, other)).rejects.toBeInstanceOf(BlobConflictError);
  });

  it('cannot read a blob once its retention key is destroyed', async () => {
    const { key, bytes } = blob();
    await store.putDigested(key, bytes);
    await vault.destroy('epoch-2026-12');
    await expect(store.get(key)).rejects.toBeInstanceOf(KeyDestroyedError);
    await expect(store.put(blob().key, bytes)).rejects.toMatchObject({ code: 'KEY_DESTROYED' });
  });

  it('rewraps under another key, and passes blobs stored before the layer through as they are', async () => {
    const { key, bytes } = blob();
    await store.putDigested(key, bytes);
    const hold = `hold-${'ab'.repeat(32)}`;
    expect(await store.rewrap(key, hold)).toBe(true);
    expect(await store.keyIdOf(key)).toBe(hold);
    await vault.destroy('epoch-2026-12');
    expect(Buffer.from((await store.get(key))!).equals(bytes)).toBe(true);
    expect(await store.rewrap(blob().key, hold)).toBe(false);

    const old = blob();
    await inner.put(old.key, old.bytes);
    expect(await store.keyIdOf(old.key)).toBeNull();
    expect(Buffer.from((await store.get(old.key))!).equals(old.bytes)).toBe(true);
  });

  it('passes the inner store’s failure on and stores nothing', async () => {
    const { key, bytes } = blob();
    inner.failWith = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await expect(store.putDigested(key, bytes)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(store.ping()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    inner.failWith = undefined;
    expect(await store.exists(key)).toBe(false);
  });
});
