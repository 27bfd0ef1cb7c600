import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { KEY_ID, KeyDestroyedError, KeyVault } from '@signet/domain';

const KEY_LENGTH = 32;

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * The embedded key vault: one 0600 file of 32 random bytes per key in a 0700 directory
 * under the data dir, and a `.destroyed` tombstone once a key is destroyed, so its id is
 * never created again. Single machine only (the API and the worker share the directory);
 * a KMS adapter implements the same port for more. Back this directory up apart from the
 * blobs, or not at all: a copy of it taken before a destruction keeps that key alive.
 */
export class FileKeyVault extends KeyVault {
  private readonly root: string;
  private readonly cache = new Map<string, Uint8Array>();

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  override async obtain(id: string): Promise<Uint8Array> {
    const found = await this.find(id);
    if (found) return found;
    if (await this.destroyed(id)) throw new KeyDestroyedError(id);
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    // Written whole under a temporary name and linked: a racing creator's link fails with
    // EEXIST, and both then use the one key that won.
    const temp = join(this.root, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(randomBytes(KEY_LENGTH));
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await link(temp, this.keyPath(id));
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    await this.syncRoot();
    // Destroyed meanwhile: the tombstone wins.
    if (await this.destroyed(id)) throw new KeyDestroyedError(id);
    const key = await this.find(id);
    if (!key) throw new KeyDestroyedError(id);
    return key;
  }

  override async find(id: string): Promise<Uint8Array | null> {
    this.check(id);
    const cached = this.cache.get(id);
    if (cached && !(await this.destroyed(id))) return cached;
    this.cache.delete(id);
    try {
      const bytes = await readFile(this.keyPath(id));
      if (bytes.length !== KEY_LENGTH) throw new Error(`the key file of ${id} is not ${KEY_LENGTH} bytes`);
      const key = new Uint8Array(bytes);
      this.cache.set(id, key);
      return key;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }

  /**
   * Tombstone first (so nobody creates the id again), then the key's bytes overwritten,
   * flushed and unlinked. Overwriting is best effort on journaling or flash storage; the
   * vault's directory is what must not be copied into backups.
   */
  override async destroy(id: string): Promise<void> {
    this.check(id);
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const tombstone = await open(this.tombstonePath(id), 'a', 0o600);
    await tombstone.sync();
    await tombstone.close();
    this.cache.delete(id);
    try {
      const file = await open(this.keyPath(id), 'r+');
      try {
        await file.write(Buffer.alloc(KEY_LENGTH), 0, KEY_LENGTH, 0);
        await file.sync();
      } finally {
        await file.close();
      }
      await unlink(this.keyPath(id));
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    await this.syncRoot();
  }

  override async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith('.key'))
      .map((name) => name.slice(0, -'.key'.length))
      .filter((id) => KEY_ID.test(id))
      .sort();
  }

  private async destroyed(id: string): Promise<boolean> {
    return stat(this.tombstonePath(id)).then(
      () => true,
      (error: unknown) => {
        if (errorCode(error) === 'ENOENT') return false;
        throw error;
      },
    );
  }

  private check(id: string): void {
    // Ids become file names: nothing but the two shapes may reach the file system.
    if (!KEY_ID.test(id)) throw new Error(`invalid retention key id ${JSON.stringify(id.slice(0, 80))}`);
  }

  private keyPath(id: string): string {
    return join(this.root, `${id}.key`);
  }

  private tombstonePath(id: string): string {
    return join(this.root, `${id}.destroyed`);
  }

  private async syncRoot(): Promise<void> {
    const handle = await open(this.root, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
