/**
 * Everything the fault harness runs, all its own: PostgreSQL, s3rver, anvil, the service as
 * an API process and a worker process, two agents ready to deposit, and deposits prepared
 * ahead (both parties' signatures, sealed blobs), each to be deposited once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseKeyPair } from '@signet/formats';
import { SignetClient } from '@signet/sdk';
import { createCliWorld, startFaultProxy, type FaultProxy } from '@signet/testing';
import { logIn } from '../../../apps/cli/src/login';
import { twoPartyDeposits, type PreparedDeposit } from '../../../bench/support/fast-drafts';
import { anvilPart, postgresPart, s3Part, servicePart, type Part, type PartName } from './fault-parts';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export interface FaultStack {
  parts: Record<PartName, Part>;
  apiUrl: string;
  /** The API's data directory: its operator key and token secret. */
  apiDataDir: string;
  rpcUrl: string;
  s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };
  databaseUrl: string;
  registryAddress: string;
  chainId: number;
  /** A bearer token of agent `a`, who deposits; the client is logged in with it. */
  token: string;
  client: SignetClient;
  credentialIds: string[];
  prepare(count: number, tag: string): PreparedDeposit[];
  /** One query on a connection of its own: PostgreSQL may be down between two calls. */
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** With `proxied`: the fault proxies the service reaches PostgreSQL, S3 and the RPC endpoint through. */
  proxies: { postgres: FaultProxy; s3: FaultProxy; rpc: FaultProxy } | undefined;
  /** The environment the service runs with, for one more process on the same parts. */
  serviceEnv: Record<string, string>;
  /** What the worker processes wrote, all of them, for its alerts. */
  workerOutput(): string;
  /** Exits of the service that the harness did not cause, by part. */
  unexpectedExits: Array<{ part: PartName; output: string }>;
  stop(): Promise<void>;
}

export interface FaultStackOptions {
  /** Puts a fault proxy between the service and each of PostgreSQL, s3rver and anvil. */
  proxied?: boolean;
  env?: Record<string, string>;
}

export async function startFaultStack(options: FaultStackOptions = {}): Promise<FaultStack> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-faults-'));
  const started: Part[] = [];
  const track = <T extends Part>(part: T): T => (started.push(part), part);
  try {
    return await assemble(dir, track, options);
  } catch (error) {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function assemble(
  dir: string,
  track: <T extends Part>(part: T) => T,
  options: FaultStackOptions,
): Promise<FaultStack> {
  const postgres = track(await postgresPart(dir));
  const s3 = track(await s3Part(dir));
  const anvil = track(await anvilPart(dir));
  const unexpectedExits: FaultStack['unexpectedExits'] = [];
  const onExit = (part: PartName, output: string) => unexpectedExits.push({ part, output });
  const endpoint = s3.s3;
  const proxies = options.proxied
    ? {
        postgres: await startFaultProxy(hostPort(postgres.url)),
        s3: await startFaultProxy(hostPort(endpoint.endpoint)),
        rpc: await startFaultProxy(hostPort(anvil.rpcUrl)),
      }
    : undefined;
  const env = {
    DATABASE_URL: proxies ? via(postgres.url, proxies.postgres) : postgres.url,
    S3_ENDPOINT: proxies?.s3.url ?? endpoint.endpoint,
    S3_BUCKET: endpoint.bucket,
    S3_REGION: endpoint.region,
    S3_ACCESS_KEY_ID: endpoint.accessKeyId,
    S3_SECRET_ACCESS_KEY: endpoint.secretAccessKey,
    CHAIN_RPC_URL: proxies?.rpc.url ?? anvil.rpcUrl,
    ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
    CONFIRMATIONS: '2',
    SIGNET_RATE_LIMIT_PER_MINUTE: '10000000',
    SIGNET_TOKEN_TTL_SECONDS: '86400',
    // Checkpoints often enough that the audit chain's completeness can be shown at the end.
    SIGNET_AUDIT_CHECKPOINT_SECONDS: '5',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const api = track(await servicePart('api', env, undefined, onExit));
  const client = new SignetClient(api.url);
  const status = await client.status();
  // Later starts must find the same registry whatever happens to the chain meanwhile.
  const pinned = { ...env, REGISTRY_ADDRESS: status.registryAddress };
  api.setEnv({ REGISTRY_ADDRESS: status.registryAddress });
  const worker = track(await servicePart('worker', pinned, api.dataDir, onExit));

  const world = await createCliWorld(api);
  const { a, b } = world.ids;
  const keysOf = (name: string) => parseKeyPair(readFileSync(join(world.work, `${name}.key`), 'utf8'));
  const session = await logIn(client, keysOf('a'));
  const recipients = await client.recipients(['DE'], [a, b]);
  const deposits = twoPartyDeposits(world.ids, keysOf, recipients, status);

  const query = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const pg = new Client({ connectionString: postgres.url, connectionTimeoutMillis: 5000 });
    await pg.connect();
    try {
      return (await pg.query(text, params)).rows as T[];
    } finally {
      await pg.end().catch(() => undefined);
    }
  };

  return {
    parts: { api, worker, postgres, s3, anvil },
    apiUrl: api.url,
    apiDataDir: api.dataDir,
    rpcUrl: anvil.rpcUrl,
    s3: endpoint,
    databaseUrl: postgres.url,
    registryAddress: status.registryAddress,
    chainId: status.chainId,
    token: session.token,
    client,
    credentialIds: [a, b],
    prepare: (count, tag) => deposits(count, 2048, tag),
    query,
    proxies,
    serviceEnv: pinned,
    workerOutput: () => worker.output(),
    unexpectedExits,
    async stop() {
      for (const proxy of Object.values(proxies ?? {})) await proxy.close();
      await worker.stop().catch(() => undefined);
      await api.stop().catch(() => undefined);
      await s3.stop().catch(() => undefined);
      await anvil.stop().catch(() => undefined);
      await postgres.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      rmSync(world.work, { recursive: true, force: true });
    },
  };
}

function hostPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/** The same URL (credentials, database) with the proxy's port. */
function via(url: string, proxy: FaultProxy): string {
  const parsed = new URL(url);
  parsed.port = String(proxy.port);
  return parsed.toString();
}
