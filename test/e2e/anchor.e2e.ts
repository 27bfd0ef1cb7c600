import { DataSource } from 'typeorm';
import { Wallet } from 'ethers';
import { createProvider, RegistryClient } from '@signet/chain';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { typeormOptions } from '@signet/persistence';
import {
  createTestDatabase,
  startSignetProcess,
  type SignetProcess,
  type TestDatabase,
} from '@signet/testing';
import {
  DEV_KEY,
  allInStatus,
  insertAgreements,
  recordCounts,
  statusesOf,
  waitFor,
} from '../integration/anchor/anchor.fixture';

// The built service: `--role api` never anchors, `--role worker` does, on a chain with
// one-second blocks; /healthz answers in both roles and /metrics reports the anchor lag.
describe('anchoring through the running service', () => {
  let db: TestDatabase;
  let anvil: AnvilHandle;
  let registry: RegistryClient;
  let dataSource: DataSource;
  const processes: SignetProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('signet_anchor_e2e');
    anvil = await startAnvil({ blockTime: 1 });
    const provider = createProvider(anvil.rpcUrl, { pollingInterval: 100 });
    registry = await RegistryClient.deploy(new Wallet(DEV_KEY, provider));
    dataSource = await new DataSource(typeormOptions(db.url, { extra: { max: 4 } })).initialize();
  });
  afterAll(async () => {
    for (const p of processes) await p.stop();
    await dataSource?.destroy();
    await anvil?.stop();
    await db?.drop();
  });

  const start = async (role: string): Promise<SignetProcess> => {
    const proc = await startSignetProcess({
      args: ['--role', role],
      env: {
        DATABASE_URL: db.url,
        CHAIN_RPC_URL: anvil.rpcUrl,
        REGISTRY_ADDRESS: registry.address,
        ANCHOR_PRIVATE_KEY: DEV_KEY,
        CONFIRMATIONS: '2',
        ANCHOR_INTERVAL_MS: '500',
      },
    });
    processes.push(proc);
    return proc;
  };

  it('anchors only where the role says, to FINAL, exactly once', async () => {
    const api = await start('api'); // runs the migrations
    const ids = (await insertAgreements(dataSource, 30)).map((a) => a.id);
    await new Promise((r) => setTimeout(r, 2500));
    expect([...(await statusesOf(dataSource, ids)).values()].every((s) => s === 'PENDING_ANCHOR')).toBe(true);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);

    const worker = await start('worker');
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
    await waitFor('every agreement to be final', () => allInStatus(dataSource, ids, 'FINAL'), 30_000);
    expect(await recordCounts(registry, ids)).toEqual(ids.map(() => 1));

    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(value('signet_anchored_agreements_total')).toBe(30);
    expect(value('signet_outbox_pending')).toBe(0);
    const meanLag = value('signet_anchor_lag_seconds_sum') / value('signet_anchor_lag_seconds_count');
    expect(meanLag).toBeGreaterThan(0);
    process.stdout.write(`anchor lag (deposited before the worker started): mean ${meanLag.toFixed(2)} s\n`);

    // Fresh agreements while the worker runs: lag from deposit to ANCHORED with 1 s blocks.
    const more = await insertAgreements(dataSource, 20);
    const began = Date.now();
    await waitFor('the new agreements to be anchored', async () =>
      [
        ...(
          await statusesOf(
            dataSource,
            more.map((a) => a.id),
          )
        ).values(),
      ].every((s) => s !== 'PENDING_ANCHOR'),
    );
    process.stdout.write(`anchor lag with the worker running: ${Date.now() - began} ms\n`);
  });
});
