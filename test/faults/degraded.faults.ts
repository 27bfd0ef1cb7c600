import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSignetProcess, type FaultProxy } from '@signet/testing';
import type { PreparedDeposit } from '../../bench/support/fast-drafts';
import { judge, settle } from './support/fault-checks';
import { emptyLedger, send, type Failure, type Ledger } from './support/fault-load';
import { startFaultStack, type FaultStack } from './support/fault-stack';

const S3_503 =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>Reduce your request rate.</Message></Error>';
const RPC_ERROR = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  error: { code: -32603, message: 'internal error' },
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// Parts that are not dead but degraded: S3 answering 503 or hanging, PostgreSQL refusing
// connections, the RPC endpoint failing or silent, the blob directory's disk full. Each time:
// a typed error to the client, nothing half-written, and recovery without an operator.
describe('degraded parts', () => {
  let stack: FaultStack;
  let deposits: PreparedDeposit[];
  let next = 0;
  const ledger = emptyLedger();
  const take = (count: number) => deposits.slice(next, (next += count));
  const proxy = (name: 'postgres' | 's3' | 'rpc'): FaultProxy => stack.proxies![name];

  beforeAll(async () => {
    stack = await startFaultStack({ proxied: true });
    deposits = stack.prepare(200, `degraded-${Date.now()}`);
  });
  afterAll(() => stack?.stop());

  /** Sends every unit once, at the same time; what each left unacknowledged, and the failures it caused. */
  async function sendAll(units: PreparedDeposit[][], url = stack.apiUrl, into: Ledger = ledger) {
    const before = into.failures.length;
    const target = { url, token: stack.token, apiDown: () => false };
    const left = await Promise.all(units.map((unit) => send(unit, target, into)));
    return { left: left.filter((unit) => unit.length > 0), failures: into.failures.slice(before) };
  }

  function expectTyped(failures: Failure[]): void {
    expect(failures.map((failure) => failure.code)).toEqual(failures.map(() => 'UNAVAILABLE'));
  }

  /** None of these deposits left a row behind: no agreement, no outbox row, no audit event. */
  async function expectNothingWritten(units: PreparedDeposit[][]): Promise<void> {
    const ids = units.flat().map((deposit) => deposit.agreementId);
    const [row] = await stack.query<{ n: string }>(
      `select (select count(*) from agreements where id = any($1))
         + (select count(*) from outbox where subject_id = any($1))
         + (select count(*) from audit_events where agreement_id = any($1)) as n`,
      [ids],
    );
    expect(Number(row.n)).toBe(0);
  }

  async function sendUntilAcknowledged(
    units: PreparedDeposit[][],
    url = stack.apiUrl,
    into: Ledger = ledger,
  ): Promise<void> {
    for (let attempt = 0; units.length > 0; attempt++) {
      if (attempt > 40) throw new Error(`still refused: ${JSON.stringify(into.failures.slice(-3))}`);
      units = (await sendAll(units, url, into)).left;
      if (units.length > 0) await sleep(500);
    }
  }

  it('S3 answering 503: UNAVAILABLE, nothing written, accepted again once S3 answers', async () => {
    const units = [take(1), take(1), take(4)];
    proxy('s3').setMode({ status: 503, body: S3_503, contentType: 'application/xml' });
    const { left, failures } = await sendAll(units);
    expect(left).toHaveLength(units.length);
    expectTyped(failures);
    await expectNothingWritten(units);
    proxy('s3').setMode('pass');
    await sendUntilAcknowledged(units);
  });

  it('S3 hanging for 30 s: answered within bounds and typed, nothing half-written, then accepted', async () => {
    const units = [take(1), take(3)];
    proxy('s3').setMode('hang');
    const started = Date.now();
    const healed = sleep(30_000).then(() => proxy('s3').setMode('pass'));
    const { left, failures } = await sendAll(units);
    // Three attempts of 10 s at most, then a typed refusal; or the last attempt got through.
    expect(Date.now() - started).toBeLessThan(75_000);
    expectTyped(failures);
    await expectNothingWritten(left);
    await healed;
    await sendUntilAcknowledged(left);
  });

  it('PostgreSQL refusing connections: UNAVAILABLE, nothing written, accepted again once it accepts', async () => {
    const units = [take(1), take(1), take(5)];
    proxy('postgres').setMode('refuse');
    const { left, failures } = await sendAll(units);
    expect(left).toHaveLength(units.length);
    expectTyped(failures);
    await expectNothingWritten(units);
    proxy('postgres').setMode('pass');
    await sendUntilAcknowledged(units);
  });

  it('the RPC endpoint answering errors, then silent: deposits are still taken, anchoring resumes', async () => {
    const units = [take(1), take(4)];
    proxy('rpc').setMode({ status: 502, body: RPC_ERROR, contentType: 'application/json' });
    await sendUntilAcknowledged(units.slice(0, 1));
    await sleep(3_000);
    proxy('rpc').setMode('hang');
    await sendUntilAcknowledged(units.slice(1));
    await sleep(3_000);
    proxy('rpc').setMode('pass');
    const ids = units.flat().map((deposit) => deposit.agreementId);
    await settle(stack, ids);
    const [row] = await stack.query<{ n: string }>(
      `select count(*) as n from agreements where id = any($1) and status = 'FINAL'`,
      [ids],
    );
    expect(Number(row.n)).toBe(ids.length);
  });

  it('a full disk under the blob directory: UNAVAILABLE, no partial file, accepted once there is room', async () => {
    // A directory-backed API beside the S3 one, on the same database and chain, its blobs on a 1 MiB tmpfs.
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-faults-disk-'));
    const blobs = join(dataDir, 'blobs');
    mkdirSync(blobs);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', blobs]);
    try {
      for (const file of ['operator.key', 'token.secret']) {
        copyFileSync(join(stack.apiDataDir, file), join(dataDir, file));
      }
      const {
        S3_ENDPOINT: _e,
        S3_BUCKET: _b,
        S3_REGION: _r,
        S3_ACCESS_KEY_ID: _k,
        S3_SECRET_ACCESS_KEY: _s,
        ...env
      } = stack.serviceEnv;
      const api = await startSignetProcess({ dataDir, env: { ...env, SIGNET_ROLE: 'api' } });
      try {
        fillUp(join(blobs, 'filler'));
        const units = [take(1), take(3)];
        const onDisk = emptyLedger();
        const { left, failures } = await sendAll(units, api.url, onDisk);
        expect(left).toHaveLength(units.length);
        expectTyped(failures);
        await expectNothingWritten(units);
        expect(partialFiles(blobs)).toEqual([]);
        rmSync(join(blobs, 'filler'));
        await sendUntilAcknowledged(units, api.url, onDisk);
        expect(partialFiles(blobs)).toEqual([]);
        const ids = [...onDisk.acknowledged.keys()];
        expect(ids).toHaveLength(4);
        await settle(stack, ids);
        const [row] = await stack.query<{ n: string }>(
          `select count(*) as n from agreements where id = any($1) and status = 'FINAL'`,
          [ids],
        );
        expect(Number(row.n)).toBe(ids.length);
      } finally {
        await api.stop();
      }
    } finally {
      execFileSync('umount', [blobs]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('leaves every deposit acknowledged through S3 FINAL exactly once, receipts and blobs sound', async () => {
    const ids = [...ledger.acknowledged.keys()];
    const verdict = await judge(stack, ids);
    expect(verdict).toMatchObject({ lost: [], doubled: [], badReceipts: [], badBlobs: [], stuckOutbox: 0 });
    expect(verdict.audit.ok).toBe(true);
    expect(stack.unexpectedExits.map((exit) => exit.part)).toEqual([]);
  });
});

/** Writes zeros until the file system is full. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

/** Files in the blob store that are not a complete blob (temporary names start with '.'). */
function partialFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((name) =>
    name.split('/').some((part) => part.startsWith('.')),
  );
}
