import { Wallet } from 'ethers';
import {
  allInStatus,
  chainTxs,
  insertAgreements,
  recordCounts,
  startRig,
  waitFor,
  type AnchorRig,
} from './anchor/anchor.fixture';

/** anvil's second development account: a stranger whose transaction shares a block with ours. */
const OTHER_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
/** Init code that emits one LOG0 and deploys nothing: a log placed ahead of ours in a block. */
const EMIT_ONE_LOG = '0x60006000a000';
/** Deep enough that the reorgs below happen while the agreements are ANCHORED, not FINAL. */
const CONFIRMATIONS = 5;

interface AnchorRow {
  id: string;
  status: string;
  anchor_tx_id: string;
  batch_root: string;
  log_index: number | null;
  mined_tx_hash: string | null;
  block_number: string | null;
  block_hash: string | null;
}

/** What a receipt is built from: the agreement and, through anchor_tx_id, its chain transaction and leaf. */
async function anchorRows(rig: AnchorRig, ids: string[]): Promise<AnchorRow[]> {
  return rig.dataSource.query<AnchorRow[]>(
    `select a.id, a.status, a.anchor_tx_id, l.batch_root, a.log_index,
       t.mined_tx_hash, t.block_number, t.block_hash
     from agreements a join chain_transactions t on t.id = a.anchor_tx_id
       join batch_leaves l on l.chain_tx_id = a.anchor_tx_id and l.agreement_id = a.id
     where a.id = any($1) order by a.id`,
    [ids],
  );
}

/**
 * anvil_reorg: replaces the last `depth` blocks with as many new ones; each pair puts a raw
 * transaction into the new block at that offset (0 = the first block after the common
 * ancestor), in the order given. Blocks with no pair are empty. Transactions of the removed
 * blocks that are not re-included are gone (anvil does not put them back in its pool).
 */
async function reorg(rig: AnchorRig, depth: number, pairs: Array<[string, number]> = []): Promise<void> {
  await rig.rpc('anvil_reorg', [depth, pairs]);
}

/** A worker with CONFIRMATIONS that has signed (not yet mined) the one batch of the agreements. */
async function workerWithSignedBatch(rig: AnchorRig): Promise<ReturnType<AnchorRig['worker']>> {
  const worker = rig.worker({ confirmations: CONFIRMATIONS });
  await waitFor('a signed batch', async () => {
    await worker.round();
    return (await chainTxs(rig.dataSource)).length === 1;
  });
  return worker;
}

async function head(rig: AnchorRig): Promise<number> {
  return rig.provider.getBlockNumber();
}

async function canonicalHash(rig: AnchorRig, block: number): Promise<string | undefined> {
  return (await rig.provider.getBlock(block))?.hash ?? undefined;
}

/** Status moves of one agreement, oldest first. */
async function history(rig: AnchorRig, id: string): Promise<string[]> {
  const rows = await rig.dataSource.query<Array<{ status: string }>>(
    'select status from agreement_status_changes where agreement_id = $1 order by id',
    [id],
  );
  return rows.map((r) => r.status);
}

/**
 * Every agreement's receipt points into the canonical chain, and the chain agrees: exactly
 * one AgreementRecorded per id, in the stored transaction, block and log position.
 */
async function expectCanonicalReceipts(rig: AnchorRig, ids: string[]): Promise<AnchorRow[]> {
  const rows = await anchorRows(rig, ids);
  expect(rows).toHaveLength(ids.length);
  for (const row of rows) {
    expect(row.block_number).not.toBeNull();
    expect(await canonicalHash(rig, Number(row.block_number))).toBe(row.block_hash);
    const records = await rig.registry.findAgreementRecords(row.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: row.id,
      batchRoot: row.batch_root,
      txHash: row.mined_tx_hash,
      blockNumber: Number(row.block_number),
      blockHash: row.block_hash,
      logIndex: row.log_index,
    });
  }
  // Contract state agrees: the batch root is recorded once, in the receipt's block.
  for (const root of new Set(rows.map((r) => r.batch_root))) {
    const inBatch = rows.filter((r) => r.batch_root === root);
    expect(await rig.registry.batchRecordedAt(root)).toBe(Number(inBatch[0].block_number));
    const batches = await rig.registry.findBatches(root);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ count: inBatch.length, blockHash: inBatch[0].block_hash });
  }
  return rows;
}

/** One chain transaction with one hash, every agreement and outbox row pointing at it. */
async function expectOneAnchor(rig: AnchorRig, ids: string[]): Promise<void> {
  const txs = await chainTxs(rig.dataSource);
  expect(txs).toHaveLength(1);
  expect(txs[0].tx_hashes).toHaveLength(1);
  expect(txs[0].mined_tx_hash).toBe(txs[0].tx_hashes[0]);
  const rows = await anchorRows(rig, ids);
  expect(new Set(rows.map((r) => r.anchor_tx_id))).toEqual(new Set([txs[0].id]));
  const outbox = await rig.dataSource.query<Array<{ subject_id: string; chain_tx_id: string | null }>>(
    `select subject_id, chain_tx_id from outbox where kind = 'agreement' order by subject_id`,
  );
  expect(outbox).toEqual([...ids].sort().map((id) => ({ subject_id: id, chain_tx_id: txs[0].id })));
}

// Reorgs made with anvil's own reorg call (not snapshot/revert): the chain keeps its height,
// the blocks under the anchoring transaction change.
describe('anchor worker: anvil_reorg', () => {
  let rig: AnchorRig;
  beforeEach(async () => {
    rig = await startRig();
    await rig.mine(3); // room below the anchoring block for the reorgs to reach
  });
  afterEach(() => rig.close());

  it('anchors again, exactly once, the agreements whose block anvil_reorg replaced with empty ones', async () => {
    const ids = (await insertAgreements(rig.dataSource, 4)).map((a) => a.id);
    const worker = await workerWithSignedBatch(rig);
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    const [lost] = await anchorRows(rig, ids);
    const lostBlock = Number(lost.block_number);
    await rig.mine(); // one more on top: 2 of 5 confirmations
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);

    const height = await head(rig);
    await reorg(rig, height - lostBlock + 1); // from the anchoring block up, all empty now
    expect(await head(rig)).toBe(height);
    expect(await canonicalHash(rig, lostBlock)).not.toBe(lost.block_hash);
    expect(await rig.provider.send('eth_getTransactionReceipt', [lost.mined_tx_hash])).toBeNull();
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 0));
    expect(await rig.registry.batchRecordedAt(lost.batch_root)).toBeNull();

    await worker.round(); // notices the block is gone: back to the queue, same bytes sent again
    expect(await allInStatus(rig.dataSource, ids, 'PENDING_ANCHOR')).toBe(true);
    const [reorged] = await chainTxs(rig.dataSource);
    expect(reorged.status).toBe('sent');
    expect(reorged.mined_tx_hash).toBeNull();
    expect(await rig.provider.send('eth_getTransactionByHash', [lost.mined_tx_hash])).not.toBeNull();
    for (const row of await anchorRows(rig, ids)) expect(row.log_index).toBeNull();

    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    const [again] = await expectCanonicalReceipts(rig, ids);
    expect(Number(again.block_number)).toBe(height + 1);
    expect(again.mined_tx_hash).toBe(lost.mined_tx_hash); // the same transaction, not a new batch

    await rig.mine(CONFIRMATIONS - 2);
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true); // 4 of 5
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'FINAL')).toBe(true);
    await expectCanonicalReceipts(rig, ids);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
    await expectOneAnchor(rig, ids);
    expect((await chainTxs(rig.dataSource))[0].status).toBe('final');
    for (const id of ids)
      expect(await history(rig, id)).toEqual(['ANCHORED', 'PENDING_ANCHOR', 'ANCHORED', 'FINAL']);
    expect(await rig.provider.send('txpool_status', [])).toEqual({ pending: '0x0', queued: '0x0' });
  });

  it('follows the anchoring transaction to its new block, hash and log index when a reorg moves it', async () => {
    const ids = (await insertAgreements(rig.dataSource, 4)).map((a) => a.id);
    const worker = await workerWithSignedBatch(rig);
    await rig.mine();
    await worker.round();
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    const before = await expectCanonicalReceipts(rig, ids);
    const oldBlock = Number(before[0].block_number);
    const [{ raw_tx: raw }] = await rig.dataSource.query<Array<{ raw_tx: string }>>(
      'select raw_tx from chain_transactions',
    );

    // New blocks oldBlock-1 .. oldBlock+1: ours moves up one block, behind a stranger's
    // transaction whose log comes first, so every log index moves up by one as well.
    const height = await head(rig);
    expect(height).toBe(oldBlock + 1);
    const stranger = new Wallet(OTHER_KEY, rig.provider);
    const fees = await rig.provider.getFeeData();
    const strangerRaw = await stranger.signTransaction({
      type: 2,
      chainId: rig.chainId,
      nonce: await rig.provider.getTransactionCount(stranger.address, 'latest'),
      data: EMIT_ONE_LOG,
      value: 0n,
      gasLimit: 100_000n,
      maxFeePerGas: (fees.maxFeePerGas ?? 10n ** 10n) * 2n,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas ?? 10n ** 9n,
    });
    await reorg(rig, 3, [
      [strangerRaw, 2],
      [raw, 2],
    ]);
    expect(await head(rig)).toBe(height);
    const moved = (await rig.provider.send('eth_getTransactionReceipt', [before[0].mined_tx_hash])) as {
      blockNumber: string;
      blockHash: string;
      transactionIndex: string;
    };
    expect(Number(moved.blockNumber)).toBe(oldBlock + 1);
    expect(Number(moved.transactionIndex)).toBe(1);

    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    const after = await expectCanonicalReceipts(rig, ids);
    const beforeById = new Map(before.map((r) => [r.id, r]));
    for (const row of after) {
      const old = beforeById.get(row.id);
      expect(row.mined_tx_hash).toBe(old?.mined_tx_hash);
      expect(row.batch_root).toBe(old?.batch_root);
      expect(Number(row.block_number)).toBe(oldBlock + 1);
      expect(row.block_hash).toBe(moved.blockHash);
      expect(row.log_index).toBe((old?.log_index ?? NaN) + 1);
    }
    // Not anchored again: no trip back to the queue, no second send, no second transaction.
    for (const id of ids) expect(await history(rig, id)).toEqual(['ANCHORED']);
    await expectOneAnchor(rig, ids);
    expect(await rig.provider.send('txpool_status', [])).toEqual({ pending: '0x0', queued: '0x0' });

    // Confirmations count from the new block: at oldBlock+4 the old block would have had 5.
    await rig.mine(3);
    await worker.round();
    expect(await head(rig)).toBe(oldBlock + 4);
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'FINAL')).toBe(true);
    await expectCanonicalReceipts(rig, ids);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
    for (const id of ids) expect(await history(rig, id)).toEqual(['ANCHORED', 'FINAL']);
  });

  it('recovers from anvil_reorg on its own while its loop runs', async () => {
    const ids = (await insertAgreements(rig.dataSource, 6)).map((a) => a.id);
    const worker = rig.worker({ confirmations: CONFIRMATIONS });
    worker.start();
    await waitFor('the batch to be sent', async () =>
      (await chainTxs(rig.dataSource)).some((t) => t.status === 'sent'),
    );
    await rig.mine();
    await waitFor('ANCHORED', () => allInStatus(rig.dataSource, ids, 'ANCHORED'));
    const [lost] = await anchorRows(rig, ids);
    await rig.mine();

    await reorg(rig, 2); // the anchoring block and the one above it, replaced by empty blocks
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 0));
    await waitFor('the worker to notice the reorg and send again', async () => {
      const [tx] = await chainTxs(rig.dataSource);
      return tx.status === 'sent' && (await allInStatus(rig.dataSource, ids, 'PENDING_ANCHOR'));
    });
    await waitFor(
      'the node to hold the transaction again',
      async () => (await rig.provider.send('eth_getTransactionByHash', [lost.mined_tx_hash])) !== null,
    );

    const stopPump = rig.pumpBlocks(50);
    try {
      await waitFor('FINAL', () => allInStatus(rig.dataSource, ids, 'FINAL'));
    } finally {
      stopPump();
    }
    await worker.stop();
    const rows = await expectCanonicalReceipts(rig, ids);
    expect(rows[0].block_hash).not.toBe(lost.block_hash);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
    await expectOneAnchor(rig, ids);
    for (const id of ids)
      expect(await history(rig, id)).toEqual(['ANCHORED', 'PENDING_ANCHOR', 'ANCHORED', 'FINAL']);
  });
});
