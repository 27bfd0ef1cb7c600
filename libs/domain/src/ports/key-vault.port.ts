/**
 * Provider-side keys that only let Signet forget (docs/RETENTION.md): each wraps sealed
 * blobs at rest, and destroying one makes every copy it wrapped unreadable — object
 * versions, replicas and backups. None of them opens a text: the blobs are sealed by the
 * parties before Signet sees them. Ids are `epoch-YYYY-MM` or `hold-<agreement id>`.
 *
 * The embedded adapter is a directory of 0600 files under the data dir; a KMS adapter
 * implements the same four calls.
 */
export abstract class KeyVault {
  /** The 32-byte key under `id`, created on first use; KeyDestroyedError once destroyed. */
  abstract obtain(id: string): Promise<Uint8Array>;
  /** The key, or null when it never existed or was destroyed. */
  abstract find(id: string): Promise<Uint8Array | null>;
  /** Destroys the key for good (its id can never be used again); destroying twice is a no-op. */
  abstract destroy(id: string): Promise<void>;
  /** The ids of the keys that exist and are not destroyed. */
  abstract list(): Promise<string[]>;
}

export class KeyDestroyedError extends Error {
  readonly code = 'KEY_DESTROYED';

  constructor(readonly keyId: string) {
    super(`the retention key ${keyId} was destroyed: what it wrapped is unreadable for good`);
    this.name = 'KeyDestroyedError';
  }
}
