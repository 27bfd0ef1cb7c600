import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { BlobConflictError, BlobStore, InvalidBlobKeyError } from '@signet/domain';
import { startFaultProxy, startS3rver, type FaultProxy, type S3rverInstance } from '@signet/testing';
import { FileBlobStore, S3BlobStore, S3RequestError, type S3BlobStoreConfig } from '@signet/storage';

/** A blob and the key it lives under (its keccak256, as DECISIONS.md prescribes). */
function blob(size = 64): { key: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(randomBytes(size));
  return { key: Buffer.from(keccak_256(bytes)).toString('hex'), bytes };
}

interface Harness {
  store: BlobStore;
  close(): Promise<void>;
}

/** The contract every BlobStore adapter must honour. */
function blobStoreContract(name: string, open: () => Promise<Harness>): void {
  describe(`${name} honours the BlobStore contract`, () => {
    let harness: Harness;
    let store: BlobStore;
    beforeAll(async () => {
      harness = await open();
      store = harness.store;
    });
    afterAll(() => harness.close());

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('puts, reports, gets and deletes a blob', async () => {
      const { key, bytes } = blob();
      expect(await store.exists(key)).toBe(false);
      await store.put(key, bytes);
      expect(await store.exists(key)).toBe(true);
      expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
      await store.delete(key);
      expect(await store.exists(key)).toBe(false);
      expect(await store.get(key)).toBeNull();
    });

    it('returns null for a missing key, and deleting one is a no-op', async () => {
      const { key } = blob();
      expect(await store.get(key)).toBeNull();
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    it('treats putting the same bytes again as a no-op', async () => {
      const { key, bytes } = blob();
      await store.put(key, bytes);
      await expect(store.put(key, Uint8Array.from(bytes))).resolves.toBeUndefined();
      expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
    });

    it('stores a blob under the digest its caller computed, once, however often it is sent', async () => {
      const { key, bytes } = blob(8192);
      await store.putDigested(key, bytes);
      await expect(store.putDigested(key, Uint8Array.from(bytes))).resolves.toBeUndefined();
      await expect(store.put(key, bytes)).resolves.toBeUndefined();
      expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
      await expect(store.putDigested('not-a-key', bytes)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    });

    it('refuses different bytes under a stored key, and keeps the first ones', async () => {
      const { key, bytes } = blob();
      await store.put(key, bytes);
      const sameLength = Uint8Array.from(bytes);
      sameLength[10] ^= 0xff;
      for (const other of [sameLength, bytes.subarray(1), new Uint8Array(0)]) {
        const attempt = store.put(key, other);
        await expect(attempt).rejects.toBeInstanceOf(BlobConflictError);
        await expect(attempt).rejects.toMatchObject({ code: 'BLOB_CONFLICT', key });
      }
      expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
    });

    it('round-trips 1 MiB byte for byte', async () => {
      const { key, bytes } = blob(1024 * 1024);
      await store.put(key, bytes);
      const back = (await store.get(key))!;
      expect(back.byteLength).toBe(bytes.byteLength);
      expect(Buffer.compare(Buffer.from(back), Buffer.from(bytes))).toBe(0);
    });

    it('stores an empty blob', async () => {
      const { key, bytes } = blob(0);
      await store.put(key, bytes);
      expect((await store.get(key))!.byteLength).toBe(0);
    });

    it.each([
      ['upper-case hex', 'AB'.repeat(32)],
      ['0x prefix', `0x${'ab'.repeat(32)}`],
      ['too short', 'ab'.repeat(31)],
      ['too long', 'ab'.repeat(33)],
      ['a path', `../${'ab'.repeat(30)}x`],
      ['empty', ''],
    ])('rejects a key that is not a digest (%s) with a typed error', async (_label, key) => {
      const bytes = new Uint8Array([1, 2, 3]);
      for (const call of [
        () => store.put(key, bytes),
        () => store.get(key),
        () => store.exists(key),
        () => store.delete(key),
      ]) {
        await expect(call()).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(call()).rejects.toMatchObject({ code: 'INVALID_BLOB_KEY' });
      }
    });
  });
}

blobStoreContract('S3BlobStore on s3rver', async () => {
  const s3: S3rverInstance = await startS3rver();
  const store = new S3BlobStore(s3);
  return {
    store,
    close: async () => {
      store.close();
      await s3.stop();
    },
  };
});

blobStoreContract('FileBlobStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'signet-blobs-'));
  return {
    store: new FileBlobStore(join(dir, 'blobs')),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('S3BlobStore edge cases', () => {
  let s3: S3rverInstance;
  beforeAll(async () => {
    s3 = await startS3rver();
  });
  afterAll(() => s3.stop());

  it('fails ping when the bucket does not exist', async () => {
    const store = new S3BlobStore({ ...s3, bucket: 'no-such-bucket' });
    await expect(store.ping()).rejects.toThrow();
    store.close();
  });
});

// putDigested signs and sends its conditional PUT itself (node:http, not the SDK; see
// docs/DECISIONS.md): s3rver checks the access key and the request's shape, so these show the
// request is right. s3rver ignores If-None-Match and overwrites: a second PUT must come out whole.
describe('S3BlobStore conditional PUT outside the SDK', () => {
  let s3: S3rverInstance;
  beforeAll(async () => {
    s3 = await startS3rver();
  });
  afterAll(() => s3.stop());

  /** A store on the running s3rver, closed after `use`. */
  async function withStore(
    overrides: Partial<S3BlobStoreConfig>,
    use: (store: S3BlobStore) => Promise<void>,
  ): Promise<void> {
    const store = new S3BlobStore({ ...s3, ...overrides });
    try {
      await use(store);
    } finally {
      store.close();
    }
  }

  /** The rejection of `attempt`, which must reject. */
  async function failure(attempt: Promise<unknown>): Promise<unknown> {
    return attempt.then(
      () => {
        throw new Error('expected a rejection');
      },
      (error: unknown) => error,
    );
  }

  it('stores the bytes that get then returns, byte for byte', () =>
    withStore({}, async (store) => {
      const items = Array.from({ length: 20 }, () => blob(11 * 1024));
      // Concurrently, so that pooled keep-alive connections carry several PUTs each.
      await Promise.all(items.map(({ key, bytes }) => store.putDigested(key, bytes)));
      for (const { key, bytes } of items) {
        // equals, not toEqual: Jest compares 11 KiB buffers element by element, ~60 ms each.
        expect(Buffer.from((await store.get(key))!).equals(bytes)).toBe(true);
      }
    }));

  it('sends a subarray as exactly its own bytes', () =>
    withStore({}, async (store) => {
      const { bytes: backing } = blob(4096);
      const bytes = backing.subarray(100, 1100);
      const key = Buffer.from(keccak_256(bytes)).toString('hex');
      await store.putDigested(key, bytes);
      expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
    }));

  it('accepts a second PUT of the same key with the same bytes', () =>
    withStore({}, async (store) => {
      const { key, bytes } = blob(11 * 1024);
      await store.putDigested(key, bytes);
      await expect(store.putDigested(key, Uint8Array.from(bytes))).resolves.toBeUndefined();
      expect(Buffer.from((await store.get(key))!)).toEqual(Buffer.from(bytes));
    }));

  it('fails with 404 NoSuchBucket when the bucket does not exist', () =>
    withStore({ bucket: 'no-such-bucket' }, async (store) => {
      const { key, bytes } = blob();
      const error = await failure(store.putDigested(key, bytes));
      expect(error).toBeInstanceOf(S3RequestError);
      expect(error).toMatchObject({ status: 404, s3Code: 'NoSuchBucket' });
      expect(String(error)).toContain(`S3 PUT no-such-bucket/${key} failed: HTTP 404 NoSuchBucket`);
    }));

  // s3rver does not check SigV4 signatures (only the access key), so a wrong secret passes here.
  it('fails with 403 InvalidAccessKeyId under unknown credentials, and never reveals the secret', () => {
    const secretAccessKey = 'wrong-secret-7f3a9c1e-never-printed';
    return withStore({ accessKeyId: 'NOT-S3RVER', secretAccessKey }, async (store) => {
      const { key, bytes } = blob();
      const error = await failure(store.putDigested(key, bytes));
      expect(error).toBeInstanceOf(S3RequestError);
      expect(error).toMatchObject({ status: 403, s3Code: 'InvalidAccessKeyId' });
      expect(String(error)).toContain('HTTP 403 InvalidAccessKeyId');
      for (const shown of [
        String(error),
        inspect(error, { depth: 5, showHidden: true }),
        JSON.stringify(error),
      ]) {
        expect(shown).not.toContain(secretAccessKey);
      }
    });
  });
});

// What S3 answers and s3rver does not: a 412 for an existing key (s3rver ignores If-None-Match),
// throttling, a hung endpoint. A fault proxy in front of s3rver answers in its place.
describe('S3BlobStore when the endpoint refuses, throttles or hangs', () => {
  let s3: S3rverInstance;
  let proxy: FaultProxy;
  let store: S3BlobStore;
  beforeAll(async () => {
    s3 = await startS3rver();
    proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(s3.endpoint).port) });
    store = new S3BlobStore({ ...s3, endpoint: proxy.url }, { requestTimeoutMs: 300 });
  });
  afterEach(() => proxy.setMode('pass'));
  afterAll(async () => {
    store.close();
    await proxy.close();
    await s3.stop();
  });

  const xmlError = (code: string, message: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

  it.each([
    [412, 'PreconditionFailed'],
    [409, 'ConditionalRequestConflict'],
  ])('takes %i %s on the conditional PUT as "already stored"', async (status, code) => {
    const { key, bytes } = blob();
    proxy.setMode({
      status,
      body: xmlError(code, 'At least one of the preconditions failed'),
      contentType: 'application/xml',
    });
    await expect(store.putDigested(key, bytes)).resolves.toBeUndefined();
  });

  it('fails a 503 that lasts with a typed S3RequestError, status and code, after the retries', async () => {
    const { key, bytes } = blob();
    proxy.setMode({
      status: 503,
      body: xmlError('SlowDown', 'Please reduce your request rate.'),
      contentType: 'application/xml',
    });
    const started = Date.now();
    const error = await store.putDigested(key, bytes).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(S3RequestError);
    expect(error).toMatchObject({ status: 503, s3Code: 'SlowDown' });
    expect(String(error)).toContain(`S3 PUT ${s3.bucket}/${key} failed: HTTP 503 SlowDown`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives up on an endpoint that never answers within the request timeout (ETIMEDOUT)', async () => {
    const { key, bytes } = blob();
    proxy.setMode('hang');
    const started = Date.now();
    await expect(store.putDigested(key, bytes)).rejects.toMatchObject({
      code: 'ETIMEDOUT',
      message: expect.stringContaining('no answer within 300 ms'),
    });
    // Three attempts of 300 ms and the back-off, not a hang.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("bounds the SDK's requests by the same timeout (a TimeoutError)", async () => {
    const { key } = blob();
    proxy.setMode('hang');
    const started = Date.now();
    await expect(store.exists(key)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stores again once the endpoint answers', async () => {
    const { key, bytes } = blob();
    await store.putDigested(key, bytes);
    expect(Buffer.from((await store.get(key))!).equals(bytes)).toBe(true);
  });
});

describe('S3BlobStore credentials', () => {
  let s3: S3rverInstance;
  beforeAll(async () => {
    s3 = await startS3rver();
  });
  afterAll(() => s3.stop());

  it("without static keys, signs the conditional PUT and the SDK's requests with the default chain's keys and session token", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      AWS_SESSION_TOKEN: 'session-token-of-an-assumed-role',
    });
    const store = new S3BlobStore({ endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region });
    try {
      const { key, bytes } = blob();
      await store.putDigested(key, bytes);
      expect(Buffer.from((await store.get(key))!).equals(bytes)).toBe(true);
      // And the chain is what signed: other keys there, and s3rver refuses them.
      process.env.AWS_ACCESS_KEY_ID = 'NOT-S3RVER';
      const other = new S3BlobStore({ endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region });
      await expect(other.putDigested(blob().key, bytes)).rejects.toMatchObject({
        status: 403,
        s3Code: 'InvalidAccessKeyId',
      });
      other.close();
    } finally {
      store.close();
      process.env = saved;
    }
  });
});

describe('FileBlobStore layout', () => {
  it('shards as ab/cd/<key> and leaves no temporary files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signet-blobs-'));
    try {
      const store = new FileBlobStore(dir);
      const { key, bytes } = blob();
      await store.put(key, bytes);
      await store.put(key, bytes);
      expect(await readdir(join(dir, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets exactly one of two racing writers of different bytes win', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signet-blobs-'));
    try {
      const store = new FileBlobStore(dir);
      const { key, bytes } = blob();
      const other = Uint8Array.from(bytes).fill(7, 0, 1);
      const results = await Promise.allSettled([store.put(key, bytes), store.put(key, other)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected')!;
      expect(rejected.reason).toBeInstanceOf(BlobConflictError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
