import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignatureV4 } from '@smithy/signature-v4';
import { S3RequestError } from './s3-request.error';

export interface S3ConditionalPutConfig {
  endpoint: string;
  bucket: string;
  region: string;
  /** The S3 client's credentials provider, so both sign with the same (refreshed) keys. */
  credentials: SignatureV4Init['credentials'];
}

type SignatureV4Init = ConstructorParameters<typeof SignatureV4>[0];

/**
 * The deposit path's one conditional PUT, signed with SigV4 and sent on node:http(s), without
 * the SDK. Measured side by side against s3rver in another process, 3000 PUTs of 11 KiB at
 * concurrency 16 on 2 busy cores: the SDK's PutObjectCommand cost 1.2–1.3 ms of client CPU
 * per PUT (its middleware stack, not the signing), this path 0.36–0.38 ms. What is left is
 * node's own HTTP client (~0.13 ms a request against a trivial server) and SigV4 (~0.04 ms).
 * Re-measured with `npm run bench:deposit:ab` against the SDK for this PUT too (docs/DECISIONS.md):
 * the SDK cost ~30% of deposit throughput, over the 15% the project accepts. Credentials come
 * from the SDK client's provider (static keys or the default chain, session tokens included);
 * path-style addressing as S3BlobStore is configured; every other request stays on the SDK.
 */
export class S3ConditionalPut {
  private readonly signer: SignatureV4;
  private readonly agent: HttpAgent;
  private readonly send: (
    options: RequestOptions,
    onResponse: (response: IncomingMessage) => void,
  ) => ClientRequest;
  private readonly protocol: string;
  private readonly hostname: string;
  private readonly port: number | undefined;
  private readonly host: string;
  /** `/<endpoint path>/<bucket>`: the object path without the key. */
  private readonly bucketPath: string;
  private readonly bucket: string;

  private readonly attemptTimeoutMs: number;

  /**
   * `attemptTimeoutMs`: how long an attempt may go without a byte from the endpoint before
   * it counts as a dropped connection (and is retried). A deposit's rows wait for its PUT in
   * an open transaction, so a hung endpoint must not hold it forever.
   */
  constructor(config: S3ConditionalPutConfig, options: { attemptTimeoutMs?: number } = {}) {
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
    const url = new URL(config.endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`S3 endpoint must be http or https, not ${url.protocol}`);
    }
    const secure = url.protocol === 'https:';
    // Keep-alive, and the SDK's default pool size: a fresh TCP (and TLS) connection per PUT
    // would cost more than the signing.
    const agentOptions = { keepAlive: true, maxSockets: 50 };
    this.agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
    this.send = secure ? httpsRequest : httpRequest;
    this.protocol = url.protocol;
    this.hostname = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literal without brackets
    this.port = url.port === '' ? undefined : Number(url.port);
    this.host = url.host; // what the SDK signs: the port only when it is not the default
    this.bucket = config.bucket;
    this.bucketPath = `${url.pathname.replace(/\/+$/, '')}/${config.bucket}`;
    this.signer = new SignatureV4({
      service: 's3',
      region: config.region,
      // A session token, when the provider gives one, is signed as x-amz-security-token.
      credentials: config.credentials,
      sha256: NodeSha256,
      // S3 signs the path as sent, without the normalising and double escaping other services use.
      uriEscapePath: false,
    });
  }

  /**
   * PUT with `If-None-Match: *`. True when stored; false when the endpoint refused because the
   * key exists (412, or 409 for a concurrent conditional write). `key` must already be a
   * checked blob key (hex), so it needs no escaping in the path.
   */
  async putIfAbsent(key: string, bytes: Uint8Array): Promise<boolean> {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The real payload hash, not UNSIGNED-PAYLOAD: the endpoint then rejects a body damaged on the way.
    const payloadHash = createHash('sha256').update(body).digest('hex');
    for (let attempt = 1; ; attempt++) {
      let status: number;
      let xml: string;
      try {
        ({ status, xml } = await this.attempt(key, body, payloadHash));
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && isTransient(error)) {
          await backOff(attempt);
          continue;
        }
        throw error;
      }
      if (status >= 200 && status < 300) return true;
      if (status === 412 || status === 409) return false;
      const s3Code = xmlElement(xml, 'Code');
      if (attempt < MAX_ATTEMPTS && isRetryable(status, s3Code)) {
        await backOff(attempt);
        continue;
      }
      throw new S3RequestError(status, s3Code, `PUT ${this.bucket}/${key}`, xmlElement(xml, 'Message'));
    }
  }

  /** Releases the connection pool. */
  close(): void {
    this.agent.destroy();
  }

  private async attempt(
    key: string,
    body: Buffer,
    payloadHash: string,
  ): Promise<{ status: number; xml: string }> {
    const path = `${this.bucketPath}/${key}`;
    // Signed anew on each attempt so that a retry carries a fresh date.
    const signed = await this.signer.sign({
      method: 'PUT',
      protocol: this.protocol,
      hostname: this.hostname,
      port: this.port,
      path,
      query: {},
      headers: {
        host: this.host,
        'content-type': 'application/octet-stream',
        'content-length': String(body.byteLength),
        'if-none-match': '*',
        'x-amz-content-sha256': payloadHash,
      },
    });
    return new Promise((resolve, reject) => {
      const request = this.send(
        {
          agent: this.agent,
          method: 'PUT',
          hostname: this.hostname,
          port: this.port,
          path,
          headers: signed.headers,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          response.on('error', reject);
          // A success has no body worth reading; an error's XML names the reason.
          if (status >= 200 && status < 300) {
            response.on('end', () => resolve({ status, xml: '' }));
            response.resume();
            return;
          }
          let xml = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (xml.length < MAX_ERROR_BODY) xml += chunk; // the code comes first; the rest may go
          });
          response.on('end', () => resolve({ status, xml }));
        },
      );
      request.setTimeout(this.attemptTimeoutMs, () => {
        const timedOut: NodeJS.ErrnoException = new Error(
          `S3 PUT ${this.bucket}/${key}: no answer within ${this.attemptTimeoutMs} ms`,
        );
        timedOut.code = 'ETIMEDOUT';
        request.destroy(timedOut);
      });
      request.on('error', reject);
      request.end(body);
    });
  }
}

/** S3 error bodies are a few hundred bytes; a misbehaving endpoint's are not kept whole. */
const MAX_ERROR_BODY = 64 * 1024;

/** The SDK's standard retry: three attempts in all, on network errors, throttling and 5xx. */
const MAX_ATTEMPTS = 3;
const TRANSIENT_NETWORK_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const THROTTLING_CODES = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestLimitExceeded']);

function isTransient(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && TRANSIENT_NETWORK_ERRORS.has(code);
}

function isRetryable(status: number, s3Code: string | undefined): boolean {
  return status >= 500 || status === 429 || (s3Code !== undefined && THROTTLING_CODES.has(s3Code));
}

/** Full-jitter exponential backoff, base 100 ms, as the SDK does. */
function backOff(attempt: number): Promise<void> {
  return sleep(Math.floor(Math.random() * 2 ** attempt * 100));
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of the first `<name>` element of an S3 error body, shortened; undefined when absent. */
function xmlElement(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!match) return undefined;
  const text = match[1].replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_entity, entity: string) => XML_ENTITIES[entity],
  );
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

/**
 * SignatureV4's hash on node:crypto: SHA-256, or HMAC-SHA-256 when given a key. The SDK's own
 * is the same thing, but internal to `@smithy/core`.
 */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', binary(secret));
  }

  update(data: SourceData): void {
    this.hash.update(binary(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

/** node:crypto takes strings (as UTF-8) and views as they are; only a bare ArrayBuffer needs wrapping. */
function binary(data: SourceData): string | NodeJS.ArrayBufferView {
  if (typeof data === 'string') return data;
  // isView holds only for typed arrays and DataViews, which is what Node's type names.
  return ArrayBuffer.isView(data) ? (data as NodeJS.ArrayBufferView) : new Uint8Array(data);
}
