import { verifyMerkleProof } from '@signet/formats';
import {
  allInStatus,
  insertAgreements,
  recordCounts,
  startRig,
  statusesOf,
  type AnchorRig,
} from './anchor/anchor.fixture';

interface AnchoredRow {
  id: string;
  record_hash: string;
  batch_root: string;
  merkle_proof: string[];
  log_index: number;
  mined_tx_hash: string;
  block_number: string;
  block_hash: string;
  status: string;
}

// The worker stepped round by round against real PostgreSQL and anvil: batching, receipts,
// confirmations, and that what the database says matches what the chain holds.
describe('anchor worker: batches', () => {
  let rig: AnchorRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig.close());

  it('anchors agreements in Merkle batches whose proofs and chain events match the database', async () => {
    const agreements = await insertAgreements(rig.dataSource, 25);
    const waiting = await insertAgreements(rig.dataSource, 1, 'PENDING_RATIFICATION');
    const worker = rig.worker({ anchorBatchSize: 10, anchorIntervalMs: 50 });
    await new Promise((r) => setTimeout(r, 60)); // the partial batch's age bound
    expect(await worker.round()).toBe(true);
    expect(Number((await rig.dataSource.query('select count(*) as n from chain_transactions'))[0].n)).toBe(3);
    await rig.mine();
    await worker.round();
    const ids = agreements.map((a) => a.id);
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);

    const rows = await rig.dataSource.query<AnchoredRow[]>(
      `select a.id, a.record_hash, l.batch_root, l.merkle_proof, a.log_index, a.status,
         t.mined_tx_hash, t.block_number, t.block_hash
       from agreements a join chain_transactions t on t.id = a.anchor_tx_id
         join batch_leaves l on l.chain_tx_id = a.anchor_tx_id and l.agreement_id = a.id
       where a.id = any($1)`,
      [ids],
    );
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((r) => r.batch_root)).size).toBe(3);
    for (const row of rows) {
      expect(
        verifyMerkleProof(row.batch_root, { id: row.id, recordHash: row.record_hash }, row.merkle_proof),
      ).toBe(true);
      const [onChain] = await rig.registry.findAgreementRecords(row.id);
      expect(onChain).toEqual({
        id: row.id,
        batchRoot: row.batch_root,
        recordHash: row.record_hash,
        txHash: row.mined_tx_hash,
        blockNumber: Number(row.block_number),
        blockHash: row.block_hash,
        logIndex: row.log_index,
      });
    }
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
    expect((await statusesOf(rig.dataSource, [waiting[0].id])).get(waiting[0].id)).toBe(
      'PENDING_RATIFICATION',
    );

    // Two confirmations: the including block and one more.
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'FINAL')).toBe(true);
    const history = await rig.dataSource.query<Array<{ status: string; n: number }>>(
      `select status, count(*)::int as n from agreement_status_changes where agreement_id = any($1) group by status`,
      [ids],
    );
    expect(Object.fromEntries(history.map((h) => [h.status, h.n]))).toEqual({ ANCHORED: 25, FINAL: 25 });
    expect(
      Number((await rig.dataSource.query(`select count(*) as n from outbox where chain_tx_id is null`))[0].n),
    ).toBe(0);
    await worker.stop(); // gives up the lock for the next test's worker
  });

  it('waits for the time bound before sending a partial batch', async () => {
    const worker = rig.worker({ anchorBatchSize: 50, anchorIntervalMs: 400 });
    const [one] = await insertAgreements(rig.dataSource, 1);
    expect(await worker.round()).toBe(true);
    const batchesOf = async (id: string) =>
      Number(
        (await rig.dataSource.query('select count(*) as n from batch_leaves where agreement_id = $1', [id]))[0].n,
      );
    expect(await batchesOf(one.id)).toBe(0);
    await new Promise((r) => setTimeout(r, 450));
    await worker.round();
    expect(await batchesOf(one.id)).toBe(1);
    await worker.stop();
  });
});
