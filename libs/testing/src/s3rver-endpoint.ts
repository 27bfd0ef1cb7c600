import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface S3rverOptions {
  /** Where objects are kept. Default: a fresh temp dir, removed by stop(). */
  dir?: string;
  /** Default: one the OS picks. */
  port?: number;
  /** Created on start. Default `signet-test`. */
  bucket?: string;
}

/** Everything an S3 client needs; the shape matches S3BlobStore's config. */
export interface S3rverInstance {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: 'S3RVER';
  secretAccessKey: 'S3RVER';
  stop(): Promise<void>;
}

/**
 * A fake S3 endpoint (s3rver, a dev dependency) for tests and benchmarks. Clients must use
 * path-style addressing and `requestChecksumCalculation: 'WHEN_REQUIRED'` (or streamed uploads keep their aws-chunked framing);
 * s3rver also ignores `IfNoneMatch`, which S3BlobStore works around.
 */
export async function startS3rver(options: S3rverOptions = {}): Promise<S3rverInstance> {
  // Loaded on call: s3rver is a dev dependency, and a test that imports @signet/testing for
  // something else should not need it.
  const { default: S3rver } = await import('s3rver');
  const ownDir = options.dir === undefined;
  const directory = options.dir ?? (await mkdtemp(join(tmpdir(), 'signet-s3rver-')));
  const bucket = options.bucket ?? 'signet-test';
  const server = new S3rver({
    address: '127.0.0.1',
    // Port 0 lets the OS pick at bind time, so there is no free-port race to lose.
    port: options.port ?? 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const closed = server.close();
    // close() waits for idle keep-alive sockets (the AWS SDK pools them) to time out.
    server.httpServer?.closeAllConnections();
    await closed;
    if (ownDir) await rm(directory, { recursive: true, force: true });
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    stop: () => (stopping ??= stop()),
  };
}
