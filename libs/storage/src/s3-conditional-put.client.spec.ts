import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256, S3ConditionalPut, type S3ConditionalPutConfig } from './s3-conditional-put.client';
import { S3RequestError } from './s3-request.error';

const SECRET = 'spec-secret-5b1d0e77-never-printed';
const KEY = 'ab'.repeat(32);

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A loopback endpoint that records each request and answers with `reply`. */
async function stubEndpoint(
  reply: (request: Received, index: number, response: ServerResponse) => void,
): Promise<{
  endpoint: string;
  received: Received[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const seen = {
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      received.push(seen);
      reply(seen, received.length - 1, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function s3Error(response: ServerResponse, status: number, code: string, message: string, extra = ''): void {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>1</RequestId></Error>`,
  );
}

/** Runs `use` against a stub endpoint and a client for it, and closes both. */
async function withClient(
  reply: (request: Received, index: number, response: ServerResponse) => void,
  use: (client: S3ConditionalPut, received: Received[], endpoint: string) => Promise<void>,
  endpointPath = '',
  attemptTimeoutMs?: number,
  credentials: S3ConditionalPutConfig['credentials'] = { accessKeyId: 'AKIDSPEC', secretAccessKey: SECRET },
): Promise<void> {
  const stub = await stubEndpoint(reply);
  const client = new S3ConditionalPut(
    {
      endpoint: `${stub.endpoint}${endpointPath}`,
      bucket: 'blobs',
      region: 'eu-central-1',
      credentials,
    },
    { attemptTimeoutMs },
  );
  try {
    await use(client, stub.received, stub.endpoint);
  } finally {
    client.close();
    await stub.close();
  }
}

const ok = (_request: Received, _index: number, response: ServerResponse): void => {
  response.writeHead(200, { etag: '"x"' });
  response.end();
};

async function failure(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('NodeSha256 under SignatureV4', () => {
  it('signs the AWS documentation example (S3 GET Object) to its published signature', async () => {
    const signer = new SignatureV4({
      service: 's3',
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      sha256: NodeSha256,
      uriEscapePath: false,
    });
    const signed = await signer.sign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        query: {},
        headers: {
          host: 'examplebucket.s3.amazonaws.com',
          range: 'bytes=0-9',
          'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        },
      },
      { signingDate: new Date('2013-05-24T00:00:00Z') },
    );
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});

describe('S3ConditionalPut', () => {
  it('sends exactly what it signed: path-style, If-None-Match, the payload hash, the body', () =>
    withClient(ok, async (client, received) => {
      const backing = randomBytes(12 * 1024);
      const bytes = new Uint8Array(backing.buffer, backing.byteOffset + 7, 11 * 1024);
      expect(await client.putIfAbsent(KEY, bytes)).toBe(true);

      const [request] = received;
      expect(request.method).toBe('PUT');
      expect(request.url).toBe(`/blobs/${KEY}`);
      expect(request.body.equals(Buffer.from(bytes))).toBe(true);
      expect(request.headers).toMatchObject({
        'if-none-match': '*',
        'content-type': 'application/octet-stream',
        'content-length': String(11 * 1024),
        'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex'),
      });
      const authorization = request.headers.authorization!;
      expect(authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDSPEC\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=content-length;content-type;host;if-none-match;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
      );

      // Signing the headers as they arrived gives the same signature: nothing changed on the way.
      const date = request.headers['x-amz-date'] as string;
      const headers: Record<string, string> = {};
      for (const name of [
        'content-length',
        'content-type',
        'host',
        'if-none-match',
        'x-amz-content-sha256',
      ]) {
        headers[name] = request.headers[name] as string;
      }
      const resigned = await new SignatureV4({
        service: 's3',
        region: 'eu-central-1',
        credentials: { accessKeyId: 'AKIDSPEC', secretAccessKey: SECRET },
        sha256: NodeSha256,
        uriEscapePath: false,
      }).sign(
        { method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', path: request.url, query: {}, headers },
        {
          signingDate: new Date(
            date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
          ),
        },
      );
      expect(resigned.headers.authorization).toBe(authorization);
    }));

  it('signs with what a credentials provider gives, session token included (IAM roles)', () => {
    let asked = 0;
    const provider = () => {
      asked++;
      return Promise.resolve({
        accessKeyId: 'ASIAROLE',
        secretAccessKey: SECRET,
        sessionToken: 'role-session-token',
      });
    };
    return withClient(
      ok,
      async (client, received) => {
        await client.putIfAbsent(KEY, new Uint8Array([1]));
        const [request] = received;
        expect(request.headers['x-amz-security-token']).toBe('role-session-token');
        expect(request.headers.authorization).toMatch(
          /Credential=ASIAROLE\/.*SignedHeaders=[^,]*x-amz-security-token/,
        );
        expect(asked).toBeGreaterThan(0);
      },
      '',
      undefined,
      provider,
    );
  });

  it('keeps the endpoint path before the bucket', () =>
    withClient(
      ok,
      async (client, received) => {
        await client.putIfAbsent(KEY, new Uint8Array([1, 2, 3]));
        expect(received[0].url).toBe(`/s3/blobs/${KEY}`);
      },
      '/s3/',
    ));

  it.each([
    [412, 'PreconditionFailed'],
    [409, 'ConditionalRequestConflict'],
  ])('answers false when the key exists (%i %s)', (status, code) =>
    withClient(
      (_request, _index, response) =>
        s3Error(response, status, code, 'At least one of the preconditions failed'),
      async (client) => {
        expect(await client.putIfAbsent(KEY, new Uint8Array([1]))).toBe(false);
      },
    ),
  );

  it('fails on 403 SignatureDoesNotMatch with the status and code, and never the secret', () =>
    withClient(
      (_request, _index, response) =>
        s3Error(
          response,
          403,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
          '<AWSAccessKeyId>AKIDSPEC</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256</StringToSign>',
        ),
      async (client, received) => {
        const error = await failure(client.putIfAbsent(KEY, new Uint8Array([1])));
        expect(error).toBeInstanceOf(S3RequestError);
        expect(error).toMatchObject({ status: 403, s3Code: 'SignatureDoesNotMatch' });
        expect((error as Error).message).toBe(
          `S3 PUT blobs/${KEY} failed: HTTP 403 SignatureDoesNotMatch: The request signature we calculated ` +
            'does not match the signature you provided. Check your key and signing method.',
        );
        for (const shown of [
          String(error),
          inspect(error, { depth: 5, showHidden: true }),
          JSON.stringify(error),
        ]) {
          expect(shown).not.toContain(SECRET);
        }
        expect(received).toHaveLength(1); // a refusal is not retried
      },
    ));

  it('names the status even when the body is not S3 XML', () =>
    withClient(
      (_request, _index, response) => {
        response.writeHead(400);
        response.end('bad request');
      },
      async (client) => {
        const error = await failure(client.putIfAbsent(KEY, new Uint8Array([1])));
        expect(error).toMatchObject({ status: 400, s3Code: undefined });
        expect(String(error)).toContain('HTTP 400 without an error code');
      },
    ));

  it('retries 503 SlowDown and a dropped connection, as the SDK would', () =>
    withClient(
      (_request, index, response) => {
        if (index === 0) s3Error(response, 503, 'SlowDown', 'Please reduce your request rate.');
        else if (index === 1) response.socket!.destroy();
        else ok(_request, index, response);
      },
      async (client, received) => {
        expect(await client.putIfAbsent(KEY, new Uint8Array([1, 2]))).toBe(true);
        expect(received).toHaveLength(3);
      },
    ));

  it('counts an endpoint that does not answer as a dropped connection: retried, then given up', async () => {
    const silent = () => undefined; // reads the request, never answers
    await withClient(
      (request, index, response) => (index === 0 ? silent() : ok(request, index, response)),
      async (client, received) => {
        expect(await client.putIfAbsent(KEY, new Uint8Array([1]))).toBe(true);
        expect(received).toHaveLength(2);
      },
      '',
      200,
    );
    await withClient(
      silent,
      async (client, received) => {
        const started = Date.now();
        const error = await failure(client.putIfAbsent(KEY, new Uint8Array([1])));
        expect(error).toMatchObject({
          code: 'ETIMEDOUT',
          message: expect.stringContaining('no answer within 200 ms'),
        });
        expect(received).toHaveLength(3);
        expect(Date.now() - started).toBeLessThan(5_000);
      },
      '',
      200,
    );
  });

  it('gives up after three attempts on 500', () =>
    withClient(
      (_request, _index, response) =>
        s3Error(response, 500, 'InternalError', 'We encountered an internal error.'),
      async (client, received) => {
        const error = await failure(client.putIfAbsent(KEY, new Uint8Array([1])));
        expect(error).toMatchObject({ status: 500, s3Code: 'InternalError' });
        expect(received).toHaveLength(3);
      },
    ));

  it('refuses an endpoint that is neither http nor https', () => {
    expect(
      () =>
        new S3ConditionalPut({
          endpoint: 'ftp://127.0.0.1',
          bucket: 'b',
          region: 'r',
          credentials: { accessKeyId: 'a', secretAccessKey: SECRET },
        }),
    ).toThrow('S3 endpoint must be http or https, not ftp:');
  });
});
