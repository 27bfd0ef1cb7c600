import {
  BlobConflictError,
  BlobStore,
  Clock,
  KeyDestroyedError,
  KeyVault,
  epochKeyId,
  sameBytes,
} from '@signet/domain';
import {
  isRetentionWrapped,
  retentionKeyIdOf,
  unwrapForRetention,
  wrapForRetention,
} from './retention-wrap.codec';

/**
 * The retention layer (docs/RETENTION.md): every blob is stored wrapped under a retention
 * key of the vault, and unwrapped on the way out, so callers see the sealed blob and its
 * digest unchanged. A new blob goes under the current month's epoch key; the retention job
 * moves it to its destruction month's (or its hold's) with `rewrap`. Blobs stored before
 * this layer pass through as they are until the job wraps them.
 */
export class RetentionBlobStore extends BlobStore {
  constructor(
    private readonly inner: BlobStore,
    private readonly vault: KeyVault,
    private readonly clock: Clock,
  ) {
    super();
  }

  override put(key: string, bytes: Uint8Array): Promise<void> {
    return this.store(key, bytes, (wrapped) => this.inner.put(key, wrapped));
  }

  /** The deposit path: the key is the digest of these bytes, so the inner store may skip its read. */
  override putDigested(key: string, bytes: Uint8Array): Promise<void> {
    return this.store(key, bytes, (wrapped) => this.inner.putDigested(key, wrapped));
  }

  private async store(
    key: string,
    bytes: Uint8Array,
    write: (wrapped: Uint8Array) => Promise<void>,
  ): Promise<void> {
    const keyId = epochKeyId(this.clock.now());
    try {
      await write(wrapForRetention(bytes, key, keyId, await this.vault.obtain(keyId)));
    } catch (error) {
      // Stored earlier under another key (a retry across a month's end): the same blob is fine.
      if (!(error instanceof BlobConflictError)) throw error;
      const stored = await this.get(key);
      if (!stored || !sameBytes(stored, bytes)) throw error;
    }
  }

  /** The sealed blob; KeyDestroyedError when its retention key is gone (shredded). */
  override async get(key: string): Promise<Uint8Array | null> {
    const stored = await this.inner.get(key);
    if (!stored || !isRetentionWrapped(stored)) return stored;
    const keyId = retentionKeyIdOf(stored);
    const retentionKey = await this.vault.find(keyId);
    if (!retentionKey) throw new KeyDestroyedError(keyId);
    return unwrapForRetention(stored, key, retentionKey);
  }

  /** The retention key a stored blob is wrapped under (null: not wrapped, or no blob). */
  async keyIdOf(key: string): Promise<string | null> {
    const stored = await this.inner.get(key);
    return stored && isRetentionWrapped(stored) ? retentionKeyIdOf(stored) : null;
  }

  /** Re-wraps the blob under `keyId` (a no-op when already there); false when there is no blob. */
  async rewrap(key: string, keyId: string): Promise<boolean> {
    const stored = await this.inner.get(key);
    if (!stored) return false;
    if (isRetentionWrapped(stored) && retentionKeyIdOf(stored) === keyId) return true;
    const plain = await this.get(key);
    if (!plain) return false;
    await this.inner.replace(key, wrapForRetention(plain, key, keyId, await this.vault.obtain(keyId)));
    return true;
  }

  override delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  override destroy(key: string): Promise<void> {
    return this.inner.destroy(key);
  }

  override replace(key: string, bytes: Uint8Array): Promise<void> {
    return this.inner.replace(key, bytes);
  }

  override exists(key: string): Promise<boolean> {
    return this.inner.exists(key);
  }

  override ping(): Promise<void> {
    return this.inner.ping();
  }
}
