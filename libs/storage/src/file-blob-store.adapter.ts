import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { BlobConflictError, BlobStore, assertBlobKey, sameBytes } from '@signet/domain';

/**
 * Blobs as files under one directory, sharded `ab/cd/<key>` so that no directory grows to
 * millions of entries. The embedded default; a single machine only.
 */
export class FileBlobStore extends BlobStore {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  override async put(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    const path = this.pathOf(key);
    if (await this.holds(path, key, bytes)) return;

    const dir = dirname(path);
    const created = await mkdir(dir, { recursive: true, mode: 0o700 });
    // Written in full and flushed under a temporary name, so no reader, and no crash, ever
    // sees a partial blob under its real name. Temporary names start with '.', never a key.
    const temp = join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } catch (error) {
      // A full disk (ENOSPC) fails half-way: the partial file must not keep its room.
      await file.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await file.close();
    try {
      await publish(temp, path);
    } catch (error) {
      // Another writer got there first: fine if it wrote the same bytes.
      if (errorCode(error) !== 'EEXIST' || !(await this.holds(path, key, bytes))) throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    // Make the new name (and any new shard directories) survive a crash.
    await syncDir(dir);
    if (created !== undefined) {
      await syncDir(dirname(dir));
      await syncDir(this.root);
    }
  }

  override async get(key: string): Promise<Uint8Array | null> {
    assertBlobKey(key);
    try {
      const buffer = await readFile(this.pathOf(key));
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }

  override async delete(key: string): Promise<void> {
    assertBlobKey(key);
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    // A shredded blob must not come back after a crash.
    await syncDir(dirname(path));
  }

  /** Written in full under a temporary name, then renamed over the old file (atomic on POSIX). */
  override async replace(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    const path = this.pathOf(key);
    const dir = dirname(path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await open(temp, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncDir(dir);
  }

  override async exists(key: string): Promise<boolean> {
    assertBlobKey(key);
    return stat(this.pathOf(key)).then(
      (stats) => stats.isFile(),
      (error: unknown) => {
        if (errorCode(error) === 'ENOENT') return false;
        throw error;
      },
    );
  }

  override async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    await access(this.root, constants.R_OK | constants.W_OK | constants.X_OK);
  }

  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  /** True when the file holds exactly `bytes`, false when absent; throws on other bytes. */
  private async holds(path: string, key: string, bytes: Uint8Array): Promise<boolean> {
    let stored: Buffer;
    try {
      stored = await readFile(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    }
    if (!sameBytes(stored, bytes)) throw new BlobConflictError(key);
    return true;
  }
}

/**
 * link() rather than rename(): both are atomic, but link fails with EEXIST instead of
 * replacing, so two writers racing on one key cannot overwrite each other (write-once holds
 * without a lock). Filesystems without hard links fall back to rename after the check.
 */
async function publish(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    await rename(temp, path);
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
