import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pemCertificates, readTimestampReply, timestampRequest, toBase64 } from '@signet/formats';

const run = promisify(execFile);

/** How the test TSA answers: properly, with HTTP 503, or not at all (a request that times out). */
export type TsaMode = 'up' | 'down' | 'hang';

export interface TestTsa {
  url: string;
  /** The test root CA (PEM), what a court would pin with --tsa-ca. */
  rootPem: string;
  mode: TsaMode;
  /** Requests answered with a token. */
  granted: number;
  /** A token over `batchRoot` straight from the TSA, as a bundle carries it (base64 DER). */
  stamp(batchRoot: string): Promise<{ token: string; certificates: string[] }>;
  stop(): Promise<void>;
}

const EXTENSIONS = `basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=critical,timeStamping
`;

const config = (dir: string) => `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/ca.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

/**
 * A real RFC 3161 responder for tests: a root CA and a TSA certificate with the critical
 * timeStamping EKU made with openssl at start, and `openssl ts -reply` answering each
 * `application/timestamp-query` POST, one at a time (the serial file). `mode` makes it
 * fail the way a real TSA does: refusing (503) or hanging.
 */
export async function startTestTsa(options: { days?: number } = {}): Promise<TestTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-tsa-'));
  const days = String(options.days ?? 3650);
  const openssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    days,
    '-subj',
    '/CN=Signet Test TSA Root/O=Signet tests',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  await openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'tsa.key',
    '-out',
    'tsa.csr',
    '-subj',
    '/CN=Signet Test TSA/O=Signet tests',
  );
  writeFileSync(join(dir, 'tsa.ext'), EXTENSIONS);
  await openssl(
    'x509',
    '-req',
    '-in',
    'tsa.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tsa.pem',
    '-days',
    days,
    '-extfile',
    'tsa.ext',
  );
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(join(dir, 'tsa.cnf'), config(dir));

  let queue: Promise<unknown> = Promise.resolve();
  const reply = (query: Buffer): Promise<Buffer> => {
    const name = randomBytes(6).toString('hex');
    const work = queue.then(async () => {
      writeFileSync(join(dir, `${name}.tsq`), query);
      await openssl('ts', '-reply', '-config', 'tsa.cnf', '-queryfile', `${name}.tsq`, '-out', `${name}.tsr`);
      return readFileSync(join(dir, `${name}.tsr`));
    });
    queue = work.catch(() => undefined);
    return work;
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (tsa.mode === 'hang') return;
      if (tsa.mode === 'down' || request.method !== 'POST') {
        response.writeHead(503).end();
        return;
      }
      reply(Buffer.concat(chunks)).then(
        (body) => {
          tsa.granted += 1;
          response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
        },
        () => response.writeHead(400).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const tsa: TestTsa = {
    url: `http://127.0.0.1:${port}/tsr`,
    rootPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    mode: 'up',
    granted: 0,
    async stamp(batchRoot) {
      const nonce = new Uint8Array(randomBytes(8));
      const answer = await reply(Buffer.from(timestampRequest(batchRoot, nonce)));
      const granted = readTimestampReply(new Uint8Array(answer), batchRoot, nonce);
      const chain = granted.certificates.length > 0 ? granted.certificates : pemCertificates(tsa.rootPem);
      return { token: toBase64(granted.token), certificates: chain.map(toBase64) };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return tsa;
}
