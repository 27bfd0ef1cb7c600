import {
  allInStatus,
  insertAgreements,
  recordCounts,
  startRig,
  waitFor,
  type AnchorRig,
} from './anchor/anchor.fixture';

// Two workers on one database and one key, both running their loops against a chain with
// block times: one leads, the other waits; when the leader's session dies the other takes
// over; on chain every agreement is recorded exactly once.
describe('anchor worker: two at once', () => {
  let rig: AnchorRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig.close());

  it('never double-anchors, and fails over when the leader loses its lock session', async () => {
    const stopPump = rig.pumpBlocks(250);
    const first = rig.worker({ anchorIntervalMs: 100 });
    const second = rig.worker({ anchorIntervalMs: 100 });
    first.start();
    second.start();
    let bothLed = false;
    const sampler = setInterval(() => (bothLed ||= first.isLeader && second.isLeader), 10);
    try {
      const ids: string[] = [];
      for (let wave = 0; wave < 4; wave++) {
        ids.push(...(await insertAgreements(rig.dataSource, 10)).map((a) => a.id));
        await new Promise((r) => setTimeout(r, 150));
      }
      await waitFor('a leader', () => Promise.resolve(first.isLeader || second.isLeader));
      clearInterval(sampler);
      expect(bothLed).toBe(false);

      // The leader's lock session is killed (a network partition, a database failover).
      await rig.dataSource.query(
        `select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and classid::bigint = $1
           and database = (select oid from pg_database where datname = current_database())`,
        [0x53474e54],
      );
      for (let wave = 0; wave < 3; wave++) {
        ids.push(...(await insertAgreements(rig.dataSource, 10)).map((a) => a.id));
        await new Promise((r) => setTimeout(r, 150));
      }
      // Whichever worker takes the lock next leads (the old leader may win it back at
      // once after noticing the loss); what matters is that one does, never two at once.
      await waitFor('a leader again', () => Promise.resolve(first.isLeader || second.isLeader), 30_000);
      await waitFor('every agreement to be final', () => allInStatus(rig.dataSource, ids, 'FINAL'), 30_000);
      // A worker that lost its session may believe it leads for a moment; the fencing check
      // in every signing transaction is what keeps it from writing, and exactly-once shows it.
      expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
    } finally {
      clearInterval(sampler);
      stopPump();
    }
  });
});
