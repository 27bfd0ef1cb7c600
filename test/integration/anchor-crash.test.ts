import { execFileSync, type ChildProcess } from 'node:child_process';
import {
  allInStatus,
  chainTxs,
  insertAgreements,
  recordCounts,
  startRig,
  waitFor,
  type AnchorRig,
} from './anchor/anchor.fixture';
import { ROOT, killProcess, startWorkerProcess } from './anchor/worker-process';

// The worker as a real process, killed with SIGKILL while its batches are signed, sent or
// waiting for blocks, and started again: every agreement ends up on chain exactly once.
describe('anchor worker: SIGKILL and restart', () => {
  let rig: AnchorRig;
  let child: ChildProcess | null = null;
  const outputs: Array<() => string> = [];

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
    rig = await startRig();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await rig.close();
  });

  function startWorker(): ChildProcess {
    const worker = startWorkerProcess(rig);
    outputs.push(worker.output);
    return worker.proc;
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
        await killProcess(child);
        child = null;
      }
      child = startWorker();
      await waitFor('every agreement to be final', () => allInStatus(rig.dataSource, ids, 'FINAL'), 60_000);
    } catch (error) {
      throw new Error(`${String(error)}\nworker output:\n${outputs.map((o) => o()).join('')}`);
    } finally {
      stopPump();
    }
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
    const txs = await chainTxs(rig.dataSource);
    expect(txs.every((t) => t.status === 'final')).toBe(true);
    expect(new Set(txs.map((t) => t.nonce)).size).toBe(txs.length);
    await killProcess(child);
    child = null;
  });
});
