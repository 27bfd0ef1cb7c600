import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DEV_KEY,
  allInStatus,
  chainTxs,
  insertAgreements,
  recordCounts,
  startRig,
  waitFor,
  type AnchorRig,
} from './anchor/anchor.fixture';

const ROOT = resolve(__dirname, '../..');
const ENTRY = join(ROOT, 'dist/apps/registry/src/anchoring/anchor-worker.main.js');

// The worker as a real process, killed with SIGKILL while its batches are signed, sent or
// waiting for blocks, and started again: every agreement ends up on chain exactly once.
describe('anchor worker: SIGKILL and restart', () => {
  let rig: AnchorRig;
  let child: ChildProcess | null = null;
  let output = '';

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
    rig = await startRig();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await rig.close();
  });

  function startWorker(): ChildProcess {
    const proc = spawn(process.execPath, [ENTRY], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        SIGNET_DATA_DIR: mkdtempSync(join(tmpdir(), 'signet-worker-')),
        DATABASE_URL: rig.db.url,
        CHAIN_RPC_URL: rig.anvil.rpcUrl,
        REGISTRY_ADDRESS: rig.registry.address,
        ANCHOR_PRIVATE_KEY: DEV_KEY,
        CONFIRMATIONS: '2',
        ANCHOR_BATCH_SIZE: '10',
        ANCHOR_INTERVAL_MS: '100',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return proc;
  }

  async function kill(proc: ChildProcess): Promise<void> {
    const exited = new Promise((done) => proc.once('exit', done));
    proc.kill('SIGKILL');
    await exited;
  }

  it('leaves every agreement anchored exactly once', async () => {
    const stopPump = rig.pumpBlocks(400);
    const ids: string[] = [];
    try {
      for (let crash = 0; crash < 3; crash++) {
        child = startWorker();
        ids.push(...(await insertAgreements(rig.dataSource, 25)).map((a) => a.id));
        // Kill while some transaction is on its way: stored but not yet mined.
        await waitFor(
          'a transaction in flight',
          async () =>
            (await chainTxs(rig.dataSource)).some((t) => t.status === 'signed' || t.status === 'sent'),
          20_000,
        );
        await kill(child);
        child = null;
      }
      child = startWorker();
      await waitFor('every agreement to be final', () => allInStatus(rig.dataSource, ids, 'FINAL'), 60_000);
    } catch (error) {
      throw new Error(`${String(error)}\nworker output:\n${output}`);
    } finally {
      stopPump();
    }
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
    const txs = await chainTxs(rig.dataSource);
    expect(txs.every((t) => t.status === 'final')).toBe(true);
    expect(new Set(txs.map((t) => t.nonce)).size).toBe(txs.length);
    await kill(child);
    child = null;
  });
});
