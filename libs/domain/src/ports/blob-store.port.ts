/**
 * Object storage for sealed blobs. Content-addressed and written once: a blob's key is the
 * hex of its digest (DECISIONS.md: keccak256 of the blob, without `0x`), so the bytes under a
 * key can never legitimately change.
 *
 * Every method rejects a malformed key with InvalidBlobKeyError before touching storage.
 */
export abstract class BlobStore {
  /**
   * Stores `bytes` under `key`. Storing the same bytes again is a no-op (a retried deposit);
   * different bytes under an existing key throw BlobConflictError and leave the stored ones.
   */
  abstract put(key: string, bytes: Uint8Array): Promise<void>;

  /**
   * Stores `bytes` under `key` when the caller itself computed `key` as the digest of these
   * very bytes. Equal keys then mean equal bytes, so an adapter may skip the read-before-
   * write that `put` needs to detect a conflict (one S3 request instead of two on the
   * deposit path). By default it is `put`.
   */
  putDigested(key: string, bytes: Uint8Array): Promise<void> {
    return this.put(key, bytes);
  }

  /** The stored bytes, or null when there is no blob under `key`. */
  abstract get(key: string): Promise<Uint8Array | null>;

  /** Removes the blob (crypto-shredding at the end of retention); a missing key is a no-op. */
  abstract delete(key: string): Promise<void>;

  /**
   * Removes every stored version of the blob (a versioned bucket keeps old ones after a
   * delete). Where the store keeps no versions, it is `delete`.
   */
  destroy(key: string): Promise<void> {
    return this.delete(key);
  }

  /**
   * Overwrites the bytes under `key` whatever they were: only for the retention layer,
   * which re-wraps a blob at rest under another key (the sealed blob, and so the key, stay).
   */
  abstract replace(key: string, bytes: Uint8Array): Promise<void>;

  abstract exists(key: string): Promise<boolean>;

  /** Resolves when the storage is reachable and usable; rejects otherwise (health checks). */
  abstract ping(): Promise<void>;
}

/** 32-byte digest as 64 lower-case hex characters: the only shape a key can take. */
const BLOB_KEY = /^[0-9a-f]{64}$/;

export class InvalidBlobKeyError extends Error {
  readonly code = 'INVALID_BLOB_KEY';

  constructor(readonly key: string) {
    super(
      `invalid blob key ${JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key)}: expected 64 lower-case hex characters`,
    );
    this.name = 'InvalidBlobKeyError';
  }
}

/**
 * Different bytes for a key that already holds a blob: either a digest was computed wrongly
 * or someone is trying to replace a sealed text. Never silently resolved.
 */
export class BlobConflictError extends Error {
  readonly code = 'BLOB_CONFLICT';

  constructor(readonly key: string) {
    super(`a different blob is already stored under ${key}`);
    this.name = 'BlobConflictError';
  }
}

/** Shared by every adapter, so they agree on what a key is. */
export function assertBlobKey(key: string): void {
  // Keys become file paths and URLs: anything but the exact shape could escape the store.
  if (typeof key !== 'string' || !BLOB_KEY.test(key)) throw new InvalidBlobKeyError(String(key));
}

/** Byte-for-byte equality, for the write-once check. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
