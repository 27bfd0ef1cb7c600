import { randomBytes } from 'node:crypto';
import { KEY_ID, KeyDestroyedError, KeyVault } from '@signet/domain';

/**
 * KeyVault in memory, for unit tests: keys created on first use, destroyed for good (an id
 * once destroyed never comes back), ids checked as the file vault checks them.
 */
export class FakeKeyVault extends KeyVault {
  readonly keys = new Map<string, Uint8Array>();
  readonly destroyed = new Set<string>();

  override obtain(id: string): Promise<Uint8Array> {
    return this.run(id, () => {
      if (this.destroyed.has(id)) throw new KeyDestroyedError(id);
      let key = this.keys.get(id);
      if (!key) this.keys.set(id, (key = new Uint8Array(randomBytes(32))));
      return key;
    });
  }

  override find(id: string): Promise<Uint8Array | null> {
    return this.run(id, () => this.keys.get(id) ?? null);
  }

  override destroy(id: string): Promise<void> {
    return this.run(id, () => {
      this.destroyed.add(id);
      this.keys.delete(id);
    });
  }

  override list(): Promise<string[]> {
    return Promise.resolve([...this.keys.keys()].sort());
  }

  /** The port's async shape: a bad argument or a set failure rejects, never throws. */
  private run<T>(id: string, operation: () => T): Promise<T> {
    return new Promise((resolve) => {
      if (!KEY_ID.test(id)) throw new Error(`invalid retention key id ${JSON.stringify(id.slice(0, 80))}`);
      resolve(operation());
    });
  }
}
