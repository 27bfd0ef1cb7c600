/**
 * What the deposit benches run against, all on this machine: anvil with one-second blocks,
 * s3rver in a process of its own, PostgreSQL (DATABASE_URL, else embedded), the service in
 * the `api` role and the anchor worker in the `worker` role, as docker-compose deploys them,
 * and two agents of two organisations ready to deposit.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseKeyPair } from '@signet/formats';
import { SignetClient } from '@signet/sdk';
import type { S3BlobStoreConfig } from '@signet/storage';
import { startAnvil } from '@signet/embedded';
import {
  createCliWorld,
  projectRoot,
  startSignetProcess,
  type CliWorld,
  type SignetProcess,
} from '@signet/testing';
import { logIn } from '../../apps/cli/src/login';
import { benchDatabase } from './bench-database';
import { twoPartyDeposits, type DealShape, type PreparedDeposit } from './fast-drafts';
import { startS3rverProcess } from './s3rver-process';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const TEXT_BYTES = 8 * 1024;

export interface DepositRigOptions {
  /** Both roles in one process (BENCH_ONE_PROCESS=1), rather than an API and a worker. */
  oneProcess?: boolean;
  /** Writes V8 CPU profiles of the service and the worker there (BENCH_PROFILE_DIR). */
  profileDir?: string;
  /**
   * Node options for the worker's process only, e.g. a V8 GC flag to measure against the
   * role's defaults (BENCH_WORKER_NODE_ARGS, split on spaces).
   */
  workerNodeArgs?: string[];
  /** The bearer token's lifetime; a run longer than the default 15 minutes needs more. */
  tokenTtlSeconds?: number;
  /**
   * Example packs (policies/<code>) to publish and activate before the run. The deposits are
   * then by agents `c` and `d`, whose mandates cover every jurisdiction in PACK_DEALS and
   * NO_PACK_DEALS and set no value limit, so that only the packs decide.
   */
  packs?: string[];
}

/** Deals every example pack (EU for DE, US, SG) decides, and allows: a registered EU template, under 1,000,000 EUR. */
export const PACK_DEALS: DealShape = {
  jurisdictions: ['DE', 'US', 'SG'],
  terms: { template: '0x587b788004d0131bc5591382df7c262dc602b7e6bc4023d172f4ccd910f64b25' },
};
/** The same deals where no example pack decides: as many jurisdictions, the same terms. */
export const NO_PACK_DEALS: DealShape = { ...PACK_DEALS, jurisdictions: ['JP', 'CA', 'BR'] };

export interface DepositRig {
  api: SignetProcess;
  worker: SignetProcess | undefined;
  /** Process ids by label, for CPU accounting. */
  processes: Record<string, number | undefined>;
  /** A connection of the bench's own to the service's database, for figures. */
  pg: Client;
  /** The service's database and object store, for a bench that works on them beside the service. */
  databaseUrl: string;
  s3: S3BlobStoreConfig;
  /**
   * Waits until the worker has finished what earlier phases left it (every deposit so far
   * FINAL), so that a latency phase measures steady state, not a backlog; how long, in ms.
   */
  settle(): Promise<number>;
  /** A bearer token of agent `a`, who deposits. */
  token: string;
  textBytes: number;
  /** `count` deposits of `textBytes` with both agents' signatures, each deposited once (in DE unless shaped). */
  prepare(count: number, shape?: DealShape): PreparedDeposit[];
  /** One more service in the `api` role on the same database, chain and blobs; `root`: another checkout's build. */
  startApi(env: Record<string, string>, nodeArgs?: string[], root?: string): Promise<SignetProcess>;
  stop(): Promise<void>;
}

export async function startDepositRig(options: DepositRigOptions = {}): Promise<DepositRig> {
  const anvil = await startAnvil({ blockTime: 1 });
  // The object store is a remote service in production; here s3rver keeps its objects in
  // memory (tmpfs) so that its file-system work does not pass for the service's.
  const s3Dir = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/signet-bench-s3-') : undefined;
  const s3 = await startS3rverProcess(s3Dir);
  const database = await benchDatabase('signet_bench');
  const env = {
    DATABASE_URL: database.url,
    // BENCH_STORAGE=directory measures without the S3 endpoint (s3rver is a test double).
    ...(process.env.BENCH_STORAGE === 'directory'
      ? {}
      : {
          S3_ENDPOINT: s3.endpoint,
          S3_BUCKET: s3.bucket,
          S3_REGION: s3.region,
          S3_ACCESS_KEY_ID: s3.accessKeyId,
          S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        }),
    CHAIN_RPC_URL: anvil.rpcUrl,
    ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
    CONFIRMATIONS: '2',
    // The anchor worker runs on the product's defaults (a batch per second, at most 200),
    // as deployed; BENCH_ANCHOR_INTERVAL_MS and BENCH_ANCHOR_BATCH_SIZE override them.
    ...(process.env.BENCH_ANCHOR_INTERVAL_MS
      ? { ANCHOR_INTERVAL_MS: process.env.BENCH_ANCHOR_INTERVAL_MS }
      : {}),
    ...(process.env.BENCH_ANCHOR_BATCH_SIZE
      ? { ANCHOR_BATCH_SIZE: process.env.BENCH_ANCHOR_BATCH_SIZE }
      : {}),
    SIGNET_RATE_LIMIT_PER_MINUTE: '10000000',
    ...(options.tokenTtlSeconds ? { SIGNET_TOKEN_TTL_SECONDS: String(options.tokenTtlSeconds) } : {}),
    LOG_LEVEL: 'warn',
  };
  const profile = (dir: string | undefined) => (dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []);
  const api = await startSignetProcess({
    env: { ...env, SIGNET_ROLE: options.oneProcess ? 'all' : 'api' },
    nodeArgs: profile(options.profileDir),
  });
  const worker = options.oneProcess
    ? undefined
    : await startSignetProcess({
        dataDir: api.dataDir,
        env: { ...env, SIGNET_ROLE: 'worker' },
        nodeArgs: [
          ...(options.workerNodeArgs ?? workerNodeArgsFromEnv()),
          ...profile(options.profileDir && join(options.profileDir, 'worker')),
        ],
      });

  const world = await createCliWorld(api);
  const names = options.packs ? await activatePacks(world, options.packs) : (['a', 'b'] as [string, string]);
  const keysOf = (name: string) => parseKeyPair(readFileSync(join(world.work, `${name}.key`), 'utf8'));
  const client = new SignetClient(api.url);
  const session = await logIn(client, keysOf(names[0]));
  const status = await client.status();
  const recipients = await client.recipients(
    ['DE'],
    names.map((name) => world.ids[name]),
  );
  const pg = new Client({ connectionString: database.url });
  await pg.connect();
  const deposits = twoPartyDeposits(world.ids, keysOf, recipients, status, names);

  return {
    api,
    worker,
    processes: {
      api: api.child.pid,
      worker: worker?.child.pid,
      bench: process.pid,
      s3rver: s3.pid,
      anvil: anvil.pid,
    },
    pg,
    databaseUrl: database.url,
    s3: {
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      region: s3.region,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    },
    settle: () => waitUntilFinal(pg),
    token: session.token,
    textBytes: TEXT_BYTES,
    prepare: (count, shape) => deposits(count, TEXT_BYTES, `bench-${Date.now()}-${Math.random()}`, shape),
    startApi: (extraEnv, nodeArgs = [], root) =>
      startSignetProcess({
        dataDir: api.dataDir,
        env: { ...env, SIGNET_ROLE: 'api', ...extraEnv },
        nodeArgs,
        root,
      }),
    async stop() {
      await pg.end();
      await worker?.stop();
      await api.stop();
      await database.drop();
      await s3.stop();
      if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
      await anvil.stop();
    },
  };
}

function workerNodeArgsFromEnv(): string[] {
  return (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
}

/** Publishes and activates the packs; issues agents `c` and `d` that only the packs can hold back. */
async function activatePacks(world: CliWorld, packs: string[]): Promise<[string, string]> {
  for (const code of packs) {
    const published = await world.operator(
      'admin',
      'policy',
      'publish',
      join(projectRoot(), 'policies', code),
    );
    await world.operator(
      'admin',
      'policy',
      'activate',
      '--jurisdiction',
      code,
      '--pack',
      String(published.id),
    );
  }
  const everywhere = [...new Set([...PACK_DEALS.jurisdictions, ...NO_PACK_DEALS.jurisdictions])].join(',');
  await world.member(
    'c',
    '--role',
    'agent',
    '--org',
    'Acme',
    '--principal',
    world.ids.pa,
    '--jurisdiction',
    everywhere,
  );
  await world.member(
    'd',
    '--role',
    'agent',
    '--org',
    'Globex',
    '--principal',
    world.ids.pb,
    '--jurisdiction',
    everywhere,
  );
  return ['c', 'd'];
}

async function waitUntilFinal(pg: Client): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + 120_000;
  for (;;) {
    // Every deposit is FINAL once no agreement waits in the outbox and no batch is short
    // of final; asked of the small tables, since status is in no index (migration 0008)
    // and a scan of every agreement, four times a second, would load the machine.
    const { rows } = await pg.query<{ open: string }>(
      `select (select count(*) from outbox where kind = 'agreement' and chain_tx_id is null)
         + (select count(*) from chain_transactions
            where kind = 'agreement_batch' and status in ('signed', 'sent', 'mined')) as open`,
    );
    if (Number(rows[0].open) === 0 || Date.now() > deadline) break;
    await new Promise((done) => setTimeout(done, 250));
  }
  return Math.round(performance.now() - started);
}
