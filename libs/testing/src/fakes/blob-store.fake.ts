import { BlobConflictError, BlobStore, assertBlobKey, sameBytes } from '@signet/domain';

/**
 * BlobStore in memory, for unit tests of use cases and decorators. It keeps the port's
 * contract (keys checked, write-once with same-bytes retries, BlobConflictError otherwise) so
 * that a test passing here means the same against S3; `blobs` is there to look at.
 */
export class FakeBlobStore extends BlobStore {
  readonly blobs = new Map<string, Uint8Array>();
  /** Set to make every call fail with it, as an unreachable store would. */
  failWith: Error | undefined;

  /** Copies in (and `get` out), so a caller changing its buffer later cannot change what is stored. */
  override put(key: string, bytes: Uint8Array): Promise<void> {
    return this.run(key, () => {
      const stored = this.blobs.get(key);
      if (stored && !sameBytes(stored, bytes)) throw new BlobConflictError(key);
      if (!stored) this.blobs.set(key, Uint8Array.from(bytes));
    });
  }

  override get(key: string): Promise<Uint8Array | null> {
    return this.run(key, () => {
      const stored = this.blobs.get(key);
      return stored ? Uint8Array.from(stored) : null;
    });
  }

  override delete(key: string): Promise<void> {
    return this.run(key, () => void this.blobs.delete(key));
  }

  override replace(key: string, bytes: Uint8Array): Promise<void> {
    return this.run(key, () => void this.blobs.set(key, Uint8Array.from(bytes)));
  }

  override exists(key: string): Promise<boolean> {
    return this.run(key, () => this.blobs.has(key));
  }

  override ping(): Promise<void> {
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve();
  }

  /** The port's async shape: a bad argument or a set failure rejects, never throws. */
  private run<T>(key: string, operation: () => T): Promise<T> {
    return new Promise((resolve) => {
      assertBlobKey(key);
      if (this.failWith) throw this.failWith;
      resolve(operation());
    });
  }
}
