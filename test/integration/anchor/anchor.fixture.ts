import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { Wallet, type JsonRpcProvider } from 'ethers';
import { createProvider, EthersChainWriter, RegistryClient } from '@signet/chain';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { TransactionRunner } from '@signet/persistence';
import { createMigratedDatabase, type MigratedDatabase } from '@signet/testing';
import {
  createAnchorWorker,
  type AnchorSettings,
} from '../../../apps/registry/src/anchoring/anchor-worker.factory';
import type { AnchorWorker } from '../../../apps/registry/src/anchoring/anchor-worker';
import { SignetMetrics } from '../../../apps/registry/src/observability/metrics';

/** anvil's first development account: admin and registrar of the test registry, and the anchoring key. */
export const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export const hex32 = (): string => `0x${randomBytes(32).toString('hex')}`;

export interface AnchorRig {
  db: MigratedDatabase;
  dataSource: DataSource;
  anvil: AnvilHandle;
  provider: JsonRpcProvider;
  registry: RegistryClient;
  chainId: number;
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  mine(blocks?: number): Promise<void>;
  /** Mines a block every `ms` until stopped: a chain with block times, under the test's control. */
  pumpBlocks(ms: number): () => void;
  worker(settings?: Partial<AnchorSettings>, options?: WorkerOptions): AnchorWorker;
  close(): Promise<void>;
}

export interface WorkerOptions {
  metrics?: SignetMetrics;
  /** Simulates a node that never receives this worker's transactions (a crash right after commit). */
  loseBroadcasts?: boolean;
}

export const DEFAULT_SETTINGS: AnchorSettings = {
  confirmations: 2,
  anchorBatchSize: 10,
  anchorIntervalMs: 100,
  anchorFeeBumpAfterMs: 60_000,
};

/**
 * A migrated database on the real PostgreSQL, and a fresh anvil with the registry deployed.
 * Automine is turned off after deployment so that transactions wait in the pool until the
 * test mines, which opens the windows that crashes and reorgs need.
 */
export async function startRig(): Promise<AnchorRig> {
  const db = await createMigratedDatabase('signet_anchor', { extra: { max: 8 } });
  const { dataSource } = db;
  const anvil = await startAnvil();
  const provider = createProvider(anvil.rpcUrl, { pollingInterval: 50 });
  const registry = await RegistryClient.deploy(new Wallet(DEV_KEY, provider));
  const chainId = Number((await provider.getNetwork()).chainId);
  const rpc = (method: string, params: unknown[] = []): Promise<unknown> => provider.send(method, params);
  await rpc('evm_setAutomine', [false]);
  const workers: AnchorWorker[] = [];
  const providers: JsonRpcProvider[] = [];
  return {
    db,
    dataSource,
    anvil,
    provider,
    registry,
    chainId,
    rpc,
    async mine(blocks = 1) {
      for (let i = 0; i < blocks; i++) await rpc('evm_mine');
    },
    pumpBlocks(ms) {
      const timer = setInterval(() => void rpc('evm_mine').catch(() => undefined), ms);
      return () => clearInterval(timer);
    },
    worker(settings = {}, options = {}) {
      const own = createProvider(anvil.rpcUrl, { chainId, pollingInterval: 50 });
      providers.push(own);
      if (options.loseBroadcasts) {
        const send = own.send.bind(own);
        own.send = (method: string, params: unknown[] | Record<string, unknown>) =>
          method === 'eth_sendRawTransaction'
            ? Promise.reject(new Error('socket hang up'))
            : send(method, params);
      }
      const worker = createAnchorWorker({
        database: new TransactionRunner(dataSource),
        databaseUrl: db.url,
        chain: new EthersChainWriter(own, DEV_KEY, registry.address, chainId),
        settings: { ...DEFAULT_SETTINGS, ...settings },
        metrics: options.metrics ?? new SignetMetrics(),
        logger: pino({ level: process.env.ANCHOR_TEST_LOG ?? 'silent' }),
      });
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const w of workers) await w.stop().catch(() => undefined);
      for (const p of providers) p.destroy();
      provider.destroy();
      await anvil.stop();
      await db.close();
    },
  };
}

export interface InsertedAgreement {
  id: string;
  recordHash: string;
}

/** What the deposit code writes for an agreement that is due for anchoring: the row and its outbox row. */
export async function insertAgreements(
  dataSource: DataSource,
  count: number,
  status = 'PENDING_ANCHOR',
): Promise<InsertedAgreement[]> {
  const rows = Array.from({ length: count }, () => ({ id: hex32(), recordHash: hex32() }));
  await dataSource.transaction(async (m) => {
    for (const { id, recordHash } of rows) {
      await m.query(
        `insert into agreements (id, status, type, jurisdictions, parties, organization_ids, effective_at, expires_at,
           metadata, metadata_hash, commitment, sealed_digest, sealed_size, nonce, signatures_hash, record_hash,
           depositor_id, idempotency_key, request_hash)
         values ($1::text, $2, 'NDA', '{EU}', array[$3::text], '{}', now(), now() + interval '1 year', '{}', $3::text,
           $3::text, $3::text, 1, $3::text, $3::text, $4, $3::text, $1::text, $3::text)`,
        [id, status, hex32(), recordHash],
      );
      if (status === 'PENDING_ANCHOR') {
        await m.query(`insert into outbox (kind, subject_id, payload) values ('agreement', $1, $2)`, [
          id,
          JSON.stringify({ recordHash }),
        ]);
      }
    }
  });
  return rows;
}

export async function statusesOf(dataSource: DataSource, ids: string[]): Promise<Map<string, string>> {
  const rows = await dataSource.query<
    Array<{
      id: string;
      status: string;
    }>
  >('select id, status from agreements where id = any($1)', [ids]);
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** Polls until `check` holds (or fails the test with `what` after the timeout). */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function allInStatus(dataSource: DataSource, ids: string[], status: string): Promise<boolean> {
  const statuses = await statusesOf(dataSource, ids);
  return ids.every((id) => statuses.get(id) === status);
}

/** AgreementRecorded logs per id on the canonical chain: exactly-once means every count is 1. */
export async function recordCounts(registry: RegistryClient, ids: string[]): Promise<number[]> {
  const counts: number[] = [];
  for (const id of ids) counts.push((await registry.findAgreementRecords(id)).length);
  return counts;
}

/** The anchoring key's chain_transactions rows, in nonce order. */
export async function chainTxs(dataSource: DataSource): Promise<
  Array<{
    id: string;
    kind: string;
    nonce: number;
    status: string;
    tx_hashes: string[];
    mined_tx_hash: string | null;
  }>
> {
  return dataSource.query(
    'select id, kind, nonce, status, tx_hashes, mined_tx_hash from chain_transactions order by nonce',
  );
}
