import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { BlobConflictError, BlobStore, assertBlobKey, sameBytes } from '@signet/domain';
import { S3ConditionalPut } from './s3-conditional-put.client';
import { S3RequestError, s3RequestErrorOf } from './s3-request.error';

export interface S3BlobStoreConfig {
  endpoint: string;
  bucket: string;
  region: string;
  /**
   * Static credentials, only when both keys are given. Otherwise the SDK's default chain finds
   * them (environment, shared config and SSO, web identity, ECS and EC2 instance roles), with
   * session tokens and their renewal.
   */
  accessKeyId?: string;
  /** Secret: never logged. */
  secretAccessKey?: string;
  /** Secret: never logged. Only with static keys (temporary credentials). */
  sessionToken?: string;
}

export interface S3ConnectionOptions {
  /**
   * How long one attempt (request and response) may take before it fails as a TimeoutError
   * and the SDK retries it. A deposit waits for its PUT before it is acknowledged, so a hung
   * endpoint must not hold it for ever. Default 10 s.
   */
  requestTimeoutMs?: number;
  /** How long a TCP (and TLS) connection may take to open. Default 3 s. */
  connectionTimeoutMs?: number;
  /** Connections kept open to the endpoint at most; the SDK's default, 50. */
  maxSockets?: number;
}

/** Blobs as objects named by their key, in one bucket, on any S3-compatible endpoint. */
export class S3BlobStore extends BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  /**
   * The conditional PUT, outside the SDK: it is on every deposit, and the SDK's CPU per
   * request is not (docs/DECISIONS.md, measured side by side).
   */
  private readonly conditionalPut: S3ConditionalPut;

  constructor(config: S3BlobStoreConfig, options: S3ConnectionOptions = {}) {
    super();
    this.bucket = config.bucket;
    // Keep-alive: a fresh TCP (and TLS) connection per PUT would cost more than the request.
    const agent = { keepAlive: true, maxSockets: options.maxSockets ?? 50 };
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      credentials: staticCredentials(config),
      // MinIO and s3rver serve buckets by path, not by virtual host.
      forcePathStyle: true,
      // The SDK's default (checksums on every request) streams uploads aws-chunked, which
      // endpoints other than AWS may store framing and all: the blob would be corrupted.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        requestTimeout: options.requestTimeoutMs ?? 10_000,
        // Without it the SDK only logs a warning when requestTimeout passes.
        throwOnRequestTimeout: true,
        connectionTimeout: options.connectionTimeoutMs ?? 3_000,
        httpAgent: new HttpAgent(agent),
        httpsAgent: new HttpsAgent(agent),
      },
    });
    const credentials = this.client.config.credentials;
    this.conditionalPut = new S3ConditionalPut(
      {
        endpoint: config.endpoint,
        bucket: config.bucket,
        region: config.region,
        credentials: () => credentials(),
      },
      { attemptTimeoutMs: options.requestTimeoutMs },
    );
  }

  override async put(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    // Checked first because some endpoints (s3rver, older MinIO) ignore If-None-Match and
    // would overwrite; on S3 itself the condition also closes the race between two writers.
    if (await this.holds(key, bytes)) return;
    // Refused: someone stored this key after our check; fine only if it is these bytes.
    if (!(await this.putIfAbsent(key, bytes)) && !(await this.holds(key, bytes))) {
      throw new BlobConflictError(key);
    }
  }

  /**
   * One conditional PUT. If the key exists (412/409 where the endpoint honours If-None-Match;
   * a same-bytes overwrite where it does not) the stored bytes are these bytes: the caller
   * derived the key from them.
   */
  override async putDigested(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    await this.putIfAbsent(key, bytes);
  }

  /** False when the endpoint refused because the key exists (412, or 409 for a concurrent conditional write). */
  private putIfAbsent(key: string, bytes: Uint8Array): Promise<boolean> {
    return this.conditionalPut.putIfAbsent(key, bytes);
  }

  override async get(key: string): Promise<Uint8Array | null> {
    assertBlobKey(key);
    try {
      return await this.send('GET', key, async () => {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        if (!object.Body) throw new Error(`S3 returned no body for ${key}`);
        return object.Body.transformToByteArray();
      });
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  override async delete(key: string): Promise<void> {
    assertBlobKey(key);
    // S3 answers 204 whether or not the object existed.
    await this.send('DELETE', key, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })),
    );
  }

  /**
   * Every version of the object, and every delete marker: on a versioned bucket a plain
   * delete only hides the blob. An endpoint without versioning (s3rver answers 405) keeps
   * only the current object, which the plain delete removes.
   */
  override async destroy(key: string): Promise<void> {
    assertBlobKey(key);
    let versions: Array<{ Key?: string; VersionId?: string }>;
    try {
      const listed = await this.send('LIST VERSIONS', key, () =>
        this.client.send(new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: key })),
      );
      versions = [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])];
    } catch (error) {
      if (statusOf(error) !== 405 && statusOf(error) !== 501) throw error;
      versions = [];
    }
    for (const version of versions.filter((v) => v.Key === key && v.VersionId && v.VersionId !== 'null')) {
      await this.send('DELETE VERSION', key, () =>
        this.client.send(
          new DeleteObjectCommand({ Bucket: this.bucket, Key: key, VersionId: version.VersionId }),
        ),
      );
    }
    await this.delete(key);
  }

  override async replace(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    await this.send('PUT', key, () =>
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes })),
    );
  }

  override async exists(key: string): Promise<boolean> {
    assertBlobKey(key);
    return (await this.size(key)) !== undefined;
  }

  override async ping(): Promise<void> {
    await this.send('HEAD', undefined, () =>
      this.client.send(new HeadBucketCommand({ Bucket: this.bucket })),
    );
  }

  /** Releases the HTTP connection pools (the SDK's and the conditional PUT's). */
  close(): void {
    this.client.destroy();
    this.conditionalPut.close();
  }

  /** True when `key` holds exactly `bytes`, false when it holds nothing; throws on other bytes. */
  private async holds(key: string, bytes: Uint8Array): Promise<boolean> {
    const size = await this.size(key);
    if (size === undefined) return false;
    if (size !== bytes.byteLength) throw new BlobConflictError(key);
    const stored = await this.get(key);
    if (stored === null) return false; // deleted in between
    if (!sameBytes(stored, bytes)) throw new BlobConflictError(key);
    return true;
  }

  private async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.send('HEAD', key, () =>
        this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      return head.ContentLength ?? 0;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Runs one SDK request; S3's refusals come out as S3RequestError naming the method and object. */
  private async send<T>(method: string, key: string | undefined, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw s3RequestErrorOf(error, `${method} ${this.bucket}${key === undefined ? '' : `/${key}`}`);
    }
  }
}

/** Static keys when both are configured; undefined lets the SDK's default provider chain find them. */
function staticCredentials(config: S3BlobStoreConfig) {
  if (config.accessKeyId === undefined || config.secretAccessKey === undefined) return undefined;
  return {
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    ...(config.sessionToken === undefined ? {} : { sessionToken: config.sessionToken }),
  };
}

function statusOf(error: unknown): number | undefined {
  return error instanceof S3RequestError ? error.status : undefined;
}
