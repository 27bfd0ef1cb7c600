import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { BlobConflictError, BlobStore, assertBlobKey, sameBytes } from '@signet/domain';
import { S3ConditionalPut } from './s3-conditional-put.client';

export interface S3BlobStoreConfig {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  /** Secret: never logged. */
  secretAccessKey: string;
}

/** Blobs as objects named by their key, in one bucket, on any S3-compatible endpoint. */
export class S3BlobStore extends BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  /** The conditional PUT, outside the SDK: it is on every deposit, and the SDK's CPU per request is not. */
  private readonly conditionalPut: S3ConditionalPut;

  constructor(config: S3BlobStoreConfig) {
    super();
    this.bucket = config.bucket;
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // MinIO and s3rver serve buckets by path, not by virtual host.
      forcePathStyle: true,
      // The SDK's default (checksums on every request) streams uploads aws-chunked, which
      // endpoints other than AWS may store framing and all: the blob would be corrupted.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.conditionalPut = new S3ConditionalPut(config);
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
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!object.Body) throw new Error(`S3 returned no body for ${key}`);
      return await object.Body.transformToByteArray();
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  override async delete(key: string): Promise<void> {
    assertBlobKey(key);
    // S3 answers 204 whether or not the object existed.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
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
      const listed = await this.client.send(
        new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: key }),
      );
      versions = [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])];
    } catch (error) {
      if (statusOf(error) !== 405 && statusOf(error) !== 501) throw error;
      versions = [];
    }
    for (const version of versions.filter((v) => v.Key === key && v.VersionId && v.VersionId !== 'null')) {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.bucket, Key: key, VersionId: version.VersionId }),
      );
    }
    await this.delete(key);
  }

  override async replace(key: string, bytes: Uint8Array): Promise<void> {
    assertBlobKey(key);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes }));
  }

  override async exists(key: string): Promise<boolean> {
    assertBlobKey(key);
    return (await this.size(key)) !== undefined;
  }

  override async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
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
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}
