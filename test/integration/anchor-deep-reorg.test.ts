import { randomUUID } from 'node:crypto';
import { recomputeVerdict, type FindingRecord } from '@signet/domain';
import { TypeormBehaviourStore } from '@signet/persistence';
import { SignetMetrics } from '../../apps/registry/src/observability/metrics';
import {
  allInStatus,
  chainTxs,
  insertAgreements,
  recordCounts,
  startRig,
  waitFor,
  type AnchorRig,
} from './anchor/anchor.fixture';

const CONFIRMATIONS = 2;

async function history(rig: AnchorRig, id: string): Promise<string[]> {
  const rows = await rig.dataSource.query<Array<{ status: string }>>(
    'select status from agreement_status_changes where agreement_id = $1 order by id',
    [id],
  );
  return rows.map((r) => r.status);
}

/** The `chain.reorg` findings, as the operator's `findings` query lists them. */
function reorgFindings(rig: AnchorRig): Promise<FindingRecord[]> {
  return new TypeormBehaviourStore(rig.dataSource).findings(
    { all: true },
    { feature: 'chain.reorg' },
    10,
    null,
  );
}

async function deepReorgs(metrics: SignetMetrics): Promise<number> {
  const metric = await metrics.anchorDeepReorgs.get();
  return metric.values[0]?.value ?? 0;
}

// A reorg deeper than CONFIRMATIONS: the block of a batch that was already FINAL is replaced.
// The worker notices, counts an alert, raises a finding for the operator, and anchors the
// same batch again, exactly once.
describe('anchor worker: a reorg deeper than CONFIRMATIONS', () => {
  let rig: AnchorRig;
  beforeEach(async () => {
    rig = await startRig();
    await rig.mine(3);
  });
  afterEach(() => rig.close());

  it('re-anchors a FINAL batch whose block vanished, and raises the alert and finding once', async () => {
    const ids = (await insertAgreements(rig.dataSource, 5)).map((a) => a.id);
    const metrics = new SignetMetrics();
    const worker = rig.worker({ confirmations: CONFIRMATIONS }, { metrics });
    const stepUntil = (what: string, check: () => Promise<boolean>) =>
      waitFor(what, async () => {
        await worker.round();
        return check();
      });
    await stepUntil('a signed batch', async () => (await chainTxs(rig.dataSource)).length === 1);
    await rig.mine();
    await stepUntil('ANCHORED', () => allInStatus(rig.dataSource, ids, 'ANCHORED'));
    await rig.mine(CONFIRMATIONS);
    await stepUntil('FINAL', () => allInStatus(rig.dataSource, ids, 'FINAL'));
    const [tx] = await chainTxs(rig.dataSource);
    const [{ block_number: lostBlock, block_hash: lostHash }] = await rig.dataSource.query<
      Array<{ block_number: string; block_hash: string }>
    >('select block_number, block_hash from chain_transactions where id = $1', [tx.id]);
    const height = await rig.provider.getBlockNumber();
    expect(height - Number(lostBlock) + 1).toBeGreaterThan(CONFIRMATIONS);

    // Every block from the batch's up is replaced by an empty one: the records are gone.
    await rig.rpc('anvil_reorg', [height - Number(lostBlock) + 1, []]);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 0));

    await stepUntil('the worker to take the batch back', () =>
      allInStatus(rig.dataSource, ids, 'PENDING_ANCHOR'),
    );
    expect(await deepReorgs(metrics)).toBe(1);
    const [finding, ...more] = await reorgFindings(rig);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({
      credentialId: null,
      organizationId: null,
      jurisdictions: [],
      key: tx.mined_tx_hash,
      severity: 'high',
      action: 'alert',
      observed: ids.length,
      baseline: {
        kind: 'reorg',
        blockNumber: Number(lostBlock),
        lostBlock: lostHash,
        txHash: tx.mined_tx_hash,
      },
      threshold: { confirmations: CONFIRMATIONS },
    });
    expect(finding.baseline).not.toMatchObject({ canonicalBlock: lostHash });
    expect(recomputeVerdict(finding)).toBe(true);
    // Only the operator sees it: it belongs to no organisation and no jurisdiction.
    const store = new TypeormBehaviourStore(rig.dataSource);
    expect(await store.findings({ organizationId: randomUUID() }, {}, 10, null)).toEqual([]);
    expect(await store.findings({ jurisdictions: ['DE'] }, {}, 10, null)).toEqual([]);
    // In the audit chain, like every finding.
    const audited = await rig.dataSource.query<Array<{ subject_id: string | null }>>(
      `select subject_id from audit_events where action = 'behaviour.finding' and detail->>'findingId' = $1`,
      [finding.id],
    );
    expect(audited).toEqual([{ subject_id: null }]);
    const [reopened] = await chainTxs(rig.dataSource);
    expect(reopened.status).toBe('sent');
    expect(reopened.mined_tx_hash).toBeNull();

    await rig.mine();
    await stepUntil('ANCHORED again', () => allInStatus(rig.dataSource, ids, 'ANCHORED'));
    await rig.mine(CONFIRMATIONS);
    await stepUntil('FINAL again', () => allInStatus(rig.dataSource, ids, 'FINAL'));
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
    const txs = await chainTxs(rig.dataSource);
    expect(txs).toHaveLength(1); // the same transaction, the same nonce, not a second batch
    expect(txs[0].mined_tx_hash).toBe(tx.mined_tx_hash);
    expect(await deepReorgs(metrics)).toBe(1);
    expect(await reorgFindings(rig)).toHaveLength(1);
    for (const id of ids) {
      expect(await history(rig, id)).toEqual([
        'ANCHORED',
        'FINAL',
        'ANCHORED',
        'PENDING_ANCHOR',
        'ANCHORED',
        'FINAL',
      ]);
    }
  });

  it('leaves FINAL batches alone when the reorg stays above them', async () => {
    const ids = (await insertAgreements(rig.dataSource, 3)).map((a) => a.id);
    const metrics = new SignetMetrics();
    const worker = rig.worker({ confirmations: CONFIRMATIONS }, { metrics });
    await waitFor('FINAL', async () => {
      await worker.round();
      await rig.mine();
      return allInStatus(rig.dataSource, ids, 'FINAL');
    });
    await rig.mine(2);
    await rig.rpc('anvil_reorg', [2, []]);
    await new Promise((done) => setTimeout(done, 1100)); // past the watch's interval
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'FINAL')).toBe(true);
    expect(await deepReorgs(metrics)).toBe(0);
    expect(await reorgFindings(rig)).toEqual([]);
  });
});
