import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { BlobConflictError, BlobStore, KeyDestroyedError } from '@signet/domain';
import { FixedClock, startS3rver } from '@signet/testing';
import { FileBlobStore, FileKeyVault, RetentionBlobStore, S3BlobStore } from '@signet/storage';

function blob(size = 300): { key: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(randomBytes(size));
  return { key: Buffer.from(keccak_256(bytes)).toString('hex'), bytes };
}

/** The retention layer over each real store: the sealed blob in and out, wrapped at rest. */
function retentionLayer(
  name: string,
  open: () => Promise<{ inner: BlobStore; close(): Promise<void> }>,
): void {
  describe(`RetentionBlobStore over ${name}`, () => {
    let inner: BlobStore;
    let close: () => Promise<void>;
    let vault: FileKeyVault;
    let vaultDir: string;
    const clock = new FixedClock(new Date('2026-12-03T10:00:00Z'));
    let store: RetentionBlobStore;

    beforeAll(async () => {
      ({ inner, close } = await open());
      vaultDir = await mkdtemp(join(tmpdir(), 'signet-vault-'));
      vault = new FileKeyVault(vaultDir);
      store = new RetentionBlobStore(inner, vault, clock);
    });
    afterAll(async () => {
      await close();
      await rm(vaultDir, { recursive: true, force: true });
    });

    it('stores under the current month’s key and gives the sealed blob back', async () => {
      const { key, bytes } = blob();
      await store.putDigested(key, bytes);
      expect(
        Buffer.from((await inner.get(key))!)
          .subarray(0, 4)
          .toString(),
      ).toBe('SGRK');
      expect(await store.keyIdOf(key)).toBe('epoch-2026-12');
      expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
    });

    it('takes the same blob again, even across a month, and refuses other bytes under its key', async () => {
      const { key, bytes } = blob();
      await store.put(key, bytes);
      clock.at = new Date('2027-01-02T00:00:00Z');
      await expect(store.put(key, Uint8Array.from(bytes))).resolves.toBeUndefined();
      await expect(store.put(key, blob().bytes)).rejects.toBeInstanceOf(BlobConflictError);
      clock.at = new Date('2026-12-03T10:00:00Z');
    });

    it('re-wraps under another key, and a destroyed key makes the stored bytes unreadable', async () => {
      const { key, bytes } = blob();
      await store.put(key, bytes);
      const before = await inner.get(key);
      expect(await store.rewrap(key, 'epoch-2027-03')).toBe(true);
      expect(await store.keyIdOf(key)).toBe('epoch-2027-03');
      expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
      await vault.destroy('epoch-2027-03');
      await expect(store.get(key)).rejects.toBeInstanceOf(KeyDestroyedError);
      await expect(vault.obtain('epoch-2027-03')).rejects.toBeInstanceOf(KeyDestroyedError);
      // The copy from before the move is under the month's key, still alive: not affected.
      await inner.replace(key, before!);
      expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
      await store.destroy(key);
      expect(await store.get(key)).toBeNull();
      expect(await store.rewrap(key, 'epoch-2027-04')).toBe(false);
    });
  });
}

retentionLayer('s3rver', async () => {
  const s3 = await startS3rver();
  const inner = new S3BlobStore(s3);
  return {
    inner,
    close: async () => {
      inner.close();
      await s3.stop();
    },
  };
});

retentionLayer('a blob directory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'signet-blobs-'));
  return { inner: new FileBlobStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
});
