import { execFileSync, type ChildProcess } from 'node:child_process';
import { fromBase64, readTimestampToken, timestampImprint } from '@signet/formats';
import { startTestTsa, type TestTsa } from '@signet/testing';
import { allInStatus, insertAgreements, startRig, waitFor, type AnchorRig } from './anchor/anchor.fixture';
import { ROOT, killProcess, startWorkerProcess } from './anchor/worker-process';

interface TimestampRow {
  batch_root: string;
  token: string | null;
}

// The standalone anchor worker with TSA_URL: it marks every recorded batch root as wanting a
// token, so it must fetch them too (issue 15) — else the roots wait for a worker that never runs.
describe('standalone anchor worker with TSA_URL', () => {
  let rig: AnchorRig;
  let tsa: TestTsa;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
    rig = await startRig();
    tsa = await startTestTsa();
  });
  afterAll(async () => {
    if (child) await killProcess(child);
    await tsa?.stop();
    await rig?.close();
  });

  it('obtains a timestamp token over each recorded batch root', async () => {
    const worker = startWorkerProcess(rig, { TSA_URL: tsa.url, TSA_TIMEOUT_MS: '5000' });
    child = worker.proc;
    const stopPump = rig.pumpBlocks(200);
    const rows = (): Promise<TimestampRow[]> =>
      rig.dataSource.query('select batch_root, token from batch_timestamps order by batch_root');
    try {
      const ids = (await insertAgreements(rig.dataSource, 15)).map((a) => a.id);
      await waitFor('every agreement to be final', () => allInStatus(rig.dataSource, ids, 'FINAL'), 60_000);
      await waitFor(
        'a token for every recorded root',
        async () => {
          const all = await rows();
          return all.length > 0 && all.every((row) => row.token !== null);
        },
        30_000,
      );
    } catch (error) {
      throw new Error(`${String(error)}\nworker output:\n${worker.output()}`);
    } finally {
      stopPump();
    }
    const stamped = await rows();
    const [{ n: roots }] = await rig.dataSource.query<Array<{ n: number }>>(
      'select count(distinct batch_root)::int as n from batch_leaves where chain_tx_id is not null',
    );
    expect(stamped).toHaveLength(roots);
    for (const row of stamped) {
      const content = readTimestampToken(fromBase64(row.token!));
      expect(Buffer.from(content.hashedMessage)).toEqual(Buffer.from(timestampImprint(row.batch_root)));
    }
    expect(tsa.granted).toBe(stamped.length);
  });
});
