import { toQuantity } from 'ethers';
import { SignetMetrics } from '../../apps/registry/src/observability/metrics';
import {
  allInStatus,
  chainTxs,
  insertAgreements,
  recordCounts,
  startRig,
  type AnchorRig,
} from './anchor/anchor.fixture';

const GWEI = 1_000_000_000n;
const CEILING = 20n * GWEI;

// ANCHOR_MAX_FEE_PER_GAS_GWEI against a real anvil whose base fee the test moves: while the
// network asks more than the ceiling nothing is signed or sent, a stuck transaction is
// replaced at most up to the ceiling, and either way every agreement lands exactly once.
describe('anchor worker: fee ceiling', () => {
  let rig: AnchorRig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.close());

  /** Mines a block with this base fee: it is what the worker reads as the network's fees. */
  async function baseFee(wei: bigint): Promise<void> {
    await rig.rpc('anvil_setNextBlockBaseFeePerGas', [toQuantity(wei)]);
    await rig.mine();
  }

  async function poolSize(): Promise<number> {
    const status = (await rig.rpc('txpool_status')) as { pending: string; queued: string };
    return Number(status.pending) + Number(status.queued);
  }

  /** Hashes of every transaction in the node's pool. */
  async function poolHashes(): Promise<string[]> {
    type Pool = Record<string, Record<string, Record<string, { hash: string }>>>;
    const content = (await rig.rpc('txpool_content')) as Pool;
    return Object.values(content).flatMap((byAddress) =>
      Object.values(byAddress).flatMap((byNonce) => Object.values(byNonce).map((tx) => tx.hash)),
    );
  }

  async function capped(metrics: SignetMetrics): Promise<number> {
    return (await metrics.anchorFeeCapped.get()).values[0]?.value ?? -1;
  }

  async function storedFees(): Promise<Array<{ max_fee_per_gas: string; max_priority_fee_per_gas: string }>> {
    return rig.dataSource.query(
      'select max_fee_per_gas, max_priority_fee_per_gas from chain_transactions order by nonce',
    );
  }

  it('sends nothing while the network asks more than the ceiling, then anchors once when it asks less', async () => {
    const agreements = await insertAgreements(rig.dataSource, 4);
    const ids = agreements.map((a) => a.id);
    const metrics = new SignetMetrics();
    const worker = rig.worker({ anchorMaxFeePerGasWei: CEILING }, { metrics });
    await baseFee(100n * GWEI); // 2 × 100 gwei + tip is far above 20 gwei
    await new Promise((r) => setTimeout(r, 120)); // the partial batch is due

    for (let i = 0; i < 3; i++) {
      expect(await worker.round()).toBe(true);
      await rig.mine(); // the base fee falls 12.5% a block: still above the ceiling
    }
    expect(await chainTxs(rig.dataSource)).toEqual([]);
    expect(await poolSize()).toBe(0);
    expect(await capped(metrics)).toBe(1);
    expect(await allInStatus(rig.dataSource, ids, 'PENDING_ANCHOR')).toBe(true);
    const [{ n: waiting }] = await rig.dataSource.query<Array<{ n: number }>>(
      'select count(*)::int as n from outbox where chain_tx_id is null',
    );
    expect(waiting).toBe(4);

    await baseFee(GWEI);
    await worker.round();
    const [sent] = await chainTxs(rig.dataSource);
    expect(sent.status).toBe('sent');
    expect(BigInt((await storedFees())[0].max_fee_per_gas)).toBeLessThanOrEqual(CEILING);
    expect(await capped(metrics)).toBe(0);
    expect(await poolSize()).toBe(1);

    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    expect(await chainTxs(rig.dataSource)).toHaveLength(1);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
  });

  it('replaces a stuck transaction only up to the ceiling, then lets it wait; it lands once', async () => {
    const agreements = await insertAgreements(rig.dataSource, 3);
    const ids = agreements.map((a) => a.id);
    const metrics = new SignetMetrics();
    const worker = rig.worker({ anchorMaxFeePerGasWei: CEILING, anchorFeeBumpAfterMs: 1 }, { metrics });
    await baseFee(GWEI);
    await new Promise((r) => setTimeout(r, 120));
    await worker.round();
    const [first] = await storedFees();
    expect(BigInt(first.max_fee_per_gas)).toBeLessThan(CEILING / 2n);

    // A fee spike: our transaction is not included, and the network now asks ~200 gwei.
    await baseFee(100n * GWEI);
    await new Promise((r) => setTimeout(r, 5));
    await worker.round();
    let [tx] = await chainTxs(rig.dataSource);
    expect(tx.status).toBe('sent');
    expect(tx.tx_hashes).toHaveLength(2);
    expect(BigInt((await storedFees())[0].max_fee_per_gas)).toBe(CEILING);
    expect(await capped(metrics)).toBe(0);

    // At the ceiling a further bump would be underpriced: nothing more is signed or sent.
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await worker.round();
      await rig.mine();
    }
    await worker.round();
    [tx] = await chainTxs(rig.dataSource);
    expect(tx.status).toBe('sent');
    expect(tx.tx_hashes).toHaveLength(2);
    expect(BigInt((await storedFees())[0].max_fee_per_gas)).toBe(CEILING);
    // anvil refuses a fee cap below its base fee (geth would keep it queued); either way only
    // our stored transactions may be out there.
    for (const hash of await poolHashes()) expect(tx.tx_hashes).toContain(hash);
    expect(await capped(metrics)).toBe(1);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 0));

    // The spike passes: the stored replacement goes out again (the node had refused it) and is mined, once.
    await baseFee(GWEI);
    await worker.round();
    expect(await poolHashes()).toEqual([tx.tx_hashes[1]]);
    await rig.mine();
    await worker.round();
    [tx] = await chainTxs(rig.dataSource);
    expect(tx.status).toBe('mined');
    expect(tx.mined_tx_hash).toBe(tx.tx_hashes[1]);
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'FINAL')).toBe(true);
    expect(await capped(metrics)).toBe(0);
    expect(await chainTxs(rig.dataSource)).toHaveLength(1);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
  });
});
