import { hexlify, randomBytes } from 'ethers';
import {
  allInStatus,
  chainTxs,
  hex32,
  insertAgreements,
  recordCounts,
  startRig,
  type AnchorRig,
} from './anchor/anchor.fixture';

// Failure cases, each stepped deterministically: a broadcast lost to a crash, a stuck
// transaction, a reorg, and the rare single-call kinds of outbox work.
describe('anchor worker: recovery', () => {
  let rig: AnchorRig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.close());

  it('sends a transaction stored before a crash that kept it from the node, exactly once', async () => {
    const agreements = await insertAgreements(rig.dataSource, 5);
    const ids = agreements.map((a) => a.id);
    const crashed = rig.worker({}, { loseBroadcasts: true });
    await new Promise((r) => setTimeout(r, 120));
    await crashed.round();
    expect((await chainTxs(rig.dataSource)).map((t) => t.status)).toEqual(['signed']);
    await crashed.stop();

    const next = rig.worker();
    await next.round(); // reconciles first: the stored bytes go out, no new batch
    expect((await chainTxs(rig.dataSource)).map((t) => t.status)).toEqual(['sent']);
    await rig.mine();
    await next.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
  });

  it('replaces a stuck transaction at the same nonce with higher fees; one of them lands', async () => {
    const agreements = await insertAgreements(rig.dataSource, 3);
    const ids = agreements.map((a) => a.id);
    const worker = rig.worker({ anchorFeeBumpAfterMs: 1 });
    await new Promise((r) => setTimeout(r, 120));
    await worker.round();
    await new Promise((r) => setTimeout(r, 20));
    await worker.round(); // no block since: stuck, so replaced
    const [replaced] = await chainTxs(rig.dataSource);
    expect(replaced.tx_hashes).toHaveLength(2);
    const fees = await rig.dataSource.query<Array<{ max_fee_per_gas: string }>>(
      'select max_fee_per_gas from chain_transactions',
    );
    expect(BigInt(fees[0].max_fee_per_gas)).toBeGreaterThan(0n);
    await rig.mine();
    await worker.round();
    const [mined] = await chainTxs(rig.dataSource);
    expect(mined.status).toBe('mined');
    expect(mined.mined_tx_hash).toBe(mined.tx_hashes[1]);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
  });

  it('anchors again, exactly once, the agreements whose block a reorg removed', async () => {
    const agreements = await insertAgreements(rig.dataSource, 4);
    const ids = agreements.map((a) => a.id);
    const worker = rig.worker();
    await new Promise((r) => setTimeout(r, 120));
    await worker.round();
    const snapshot = await rig.rpc('evm_snapshot');
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    const [before] = await rig.dataSource.query<Array<{ block_hash: string }>>(
      'select block_hash from chain_transactions',
    );

    await rig.rpc('evm_revert', [snapshot]);
    await rig.mine(2); // a longer chain without our transaction
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 0));
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'PENDING_ANCHOR')).toBe(true);
    expect((await chainTxs(rig.dataSource))[0].status).toBe('sent');

    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    const [after] = await rig.dataSource.query<Array<{ block_hash: string; nonce: number }>>(
      'select block_hash, nonce from chain_transactions',
    );
    expect(after.block_hash).not.toBe(before.block_hash);
    expect(await recordCounts(rig.registry, ids)).toEqual(ids.map(() => 1));
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'FINAL')).toBe(true);
    const history = await rig.dataSource.query<Array<{ status: string }>>(
      'select status from agreement_status_changes where agreement_id = $1 order by id',
      [ids[0]],
    );
    expect(history.map((h) => h.status)).toEqual(['ANCHORED', 'PENDING_ANCHOR', 'ANCHORED', 'FINAL']);
    expect(await chainTxs(rig.dataSource)).toHaveLength(1);
  });

  it('sends credential issue and revoke, status changes and audit checkpoints', async () => {
    const credentialId = hex32();
    await rig.dataSource.query(
      `insert into credentials (id, role, signing_key, box_key, document, issuer_signature, issued_at)
       values ($1, 'agent', $2, $3, '{}', $4, now())`,
      [credentialId, hex32(), hex32(), hexlify(randomBytes(64))],
    );
    await rig.dataSource.query(`insert into audit_checkpoints (seq, head) values (7, $1)`, [hex32()]);
    const work: Array<[string, string, Record<string, unknown>]> = [
      [
        'credential_issue',
        credentialId,
        { signingKey: hex32(), boxKey: hex32(), documentHash: hex32(), notAfter: 2e9 },
      ],
      ['credential_revoke', credentialId, { reasonHash: hex32() }],
      ['status', hex32(), { status: 1, detail: hex32() }],
      ['audit_checkpoint', hex32(), { sequence: 7, head: hex32() }],
    ];
    for (const [kind, subject, payload] of work) {
      await rig.dataSource.query('insert into outbox (kind, subject_id, payload) values ($1, $2, $3)', [
        kind,
        subject,
        JSON.stringify(payload),
      ]);
    }
    const worker = rig.worker();
    await worker.round();
    // One transaction per row, in outbox order: the revoke's nonce follows the issue's.
    expect((await chainTxs(rig.dataSource)).map((t) => t.kind)).toEqual([
      'credential_issue',
      'credential_revoke',
      'status',
      'audit_checkpoint',
    ]);
    await rig.mine();
    await worker.round();
    await rig.mine();
    await worker.round();
    await rig.mine(2);
    await worker.round();
    expect((await chainTxs(rig.dataSource)).map((t) => t.status)).toEqual([
      'final',
      'final',
      'final',
      'final',
    ]);
    const events = await rig.registry.findCredentialEvents(credentialId);
    expect(events.map((e) => e.kind)).toEqual(['issued', 'revoked']);
    const [credential] = await rig.dataSource.query<
      Array<{ issue_tx_hash: string; issue_block: string; revoke_tx_hash: string; revoke_block: string }>
    >('select issue_tx_hash, issue_block, revoke_tx_hash, revoke_block from credentials where id = $1', [
      credentialId,
    ]);
    expect(credential.issue_tx_hash).toBe(events[0].txHash);
    expect(Number(credential.issue_block)).toBe(events[0].blockNumber);
    expect(credential.revoke_tx_hash).toBe(events[1].txHash);
    expect(await rig.registry.findStatusEvents(work[2][1])).toHaveLength(1);
    const checkpoints = await rig.registry.findAuditCheckpoints();
    expect(checkpoints.map((c) => c.sequence)).toEqual([7n]);
    const [checkpoint] = await rig.dataSource.query<Array<{ chain_tx_id: string | null }>>(
      'select chain_tx_id from audit_checkpoints where seq = 7',
    );
    expect(checkpoint.chain_tx_id).not.toBeNull();
  });
});
