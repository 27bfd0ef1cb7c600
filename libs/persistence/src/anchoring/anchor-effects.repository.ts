import { AnchoringStatus, assertTransition, type AgreementStatus } from '@signet/domain';
import type { Sql } from '../sql';

export interface MinedAt {
  txHash: string;
  blockNumber: number;
  blockHash: string;
}

/**
 * What a transaction's fate means for the rows it anchors: agreements (status, proof,
 * log index), credentials (issue/revoke tx) and the status-change history. Each method
 * runs inside the caller's transaction, together with the chain_transactions update.
 */
export class AnchorEffectsRepository {
  /**
   * Before signing: the batch's members with the root and each one's proof, so the receipt
   * can be built later. The agreement rows are not touched until the batch is mined.
   */
  async stampBatch(sql: Sql, chainTxId: string, root: string, proofs: Map<string, string[]>): Promise<void> {
    const entries = [...proofs].map(([id, proof]) => ({ id, proof }));
    await sql.run(
      `insert into batch_leaves (chain_tx_id, agreement_id, batch_root, merkle_proof)
       select $1, v.id, $2, v.proof from jsonb_to_recordset($3::jsonb) as v(id bpchar, proof jsonb)`,
      [chainTxId, root, JSON.stringify(entries)],
    );
  }

  /** Agreements of a mined batch become ANCHORED; returns each one's lag since deposit, in seconds. */
  async agreementsMined(
    sql: Sql,
    chainTxId: string,
    logIndexes: ReadonlyMap<string, number>,
    at: MinedAt,
  ): Promise<number[]> {
    assertTransition(AnchoringStatus.PendingAnchor, AnchoringStatus.Anchored);
    const entries = [...logIndexes].map(([id, logIndex]) => ({ id, log_index: logIndex }));
    const rows = await sql.rows<{ lag: number }>(
      `with moved as (
         update agreements a set status = $3, anchor_tx_id = $1, log_index = v.log_index, anchored_at = now(),
           updated_at = now()
         from jsonb_to_recordset($2::jsonb) as v(id bpchar, log_index int), batch_leaves l
         where l.chain_tx_id = $1 and l.agreement_id = v.id and a.id = v.id and a.status = $4
         returning a.id, extract(epoch from now() - a.created_at)::float8 as lag),
       logged as (
         insert into agreement_status_changes (agreement_id, status, reason)
         select id, $3, $5 from moved)
       select lag from moved`,
      [
        chainTxId,
        JSON.stringify(entries),
        AnchoringStatus.Anchored,
        AnchoringStatus.PendingAnchor,
        `recorded in transaction ${at.txHash}, block ${at.blockNumber}`,
      ],
    );
    return rows.map((r) => r.lag);
  }

  /** A re-mined batch (after a reorg it landed in another block): only the log indexes move. */
  async agreementsMoved(sql: Sql, chainTxId: string, logIndexes: ReadonlyMap<string, number>): Promise<void> {
    const entries = [...logIndexes].map(([id, logIndex]) => ({ id, log_index: logIndex }));
    await sql.run(
      `update agreements a set log_index = v.log_index, updated_at = now()
       from jsonb_to_recordset($2::jsonb) as v(id bpchar, log_index int) where a.id = v.id and a.anchor_tx_id = $1`,
      [chainTxId, JSON.stringify(entries)],
    );
  }

  async agreementsFinal(sql: Sql, chainTxId: string, confirmations: number): Promise<number> {
    return this.move(
      sql,
      chainTxId,
      AnchoringStatus.Anchored,
      AnchoringStatus.Final,
      `${confirmations} confirmations`,
      'finalized_at = now()',
    );
  }

  /** The block holding the batch is gone: back to the queue's state, same transaction, same nonce. */
  async agreementsReorged(sql: Sql, chainTxId: string, lostBlock: string | null): Promise<number> {
    return this.move(
      sql,
      chainTxId,
      AnchoringStatus.Anchored,
      AnchoringStatus.PendingAnchor,
      `reorg: block ${lostBlock ?? 'unknown'} left the canonical chain; sending again`,
      'anchor_tx_id = null, log_index = null, anchored_at = null',
    );
  }

  /** A reorg deeper than CONFIRMATIONS took a FINAL batch's block: ANCHORED again, for the reconciler to follow. */
  async agreementsUnfinal(sql: Sql, chainTxId: string, lostBlock: string | null): Promise<number> {
    return this.move(
      sql,
      chainTxId,
      AnchoringStatus.Final,
      AnchoringStatus.Anchored,
      `deep reorg: block ${lostBlock ?? 'unknown'} left the canonical chain after FINAL`,
      'finalized_at = null',
    );
  }

  /** The transaction can never land: forget its batch, so the agreements go into a new one. */
  async agreementsReleased(sql: Sql, chainTxId: string): Promise<void> {
    assertTransition(AnchoringStatus.Anchored, AnchoringStatus.PendingAnchor);
    await sql.run(
      `with leaves as (delete from batch_leaves where chain_tx_id = $1 returning agreement_id)
       update agreements a set anchor_tx_id = null, log_index = null, anchored_at = null, status = $2,
         updated_at = now()
       from leaves l where a.id = l.agreement_id and a.status in ($2, $3)
         and (a.anchor_tx_id is null or a.anchor_tx_id = $1)`,
      [chainTxId, AnchoringStatus.PendingAnchor, AnchoringStatus.Anchored],
    );
  }

  async credentialsMined(sql: Sql, chainTxId: string, at: MinedAt | null): Promise<void> {
    const hash = at?.txHash ?? null;
    const block = at?.blockNumber ?? null;
    await sql.run(
      `update credentials c set issue_tx_hash = $2, issue_block = $3 from outbox o
       where o.chain_tx_id = $1 and o.kind = 'credential_issue' and c.id = o.subject_id`,
      [chainTxId, hash, block],
    );
    await sql.run(
      `update credentials c set revoke_tx_hash = $2, revoke_block = $3 from outbox o
       where o.chain_tx_id = $1 and o.kind = 'credential_revoke' and c.id = o.subject_id`,
      [chainTxId, hash, block],
    );
  }

  /**
   * The batch is recorded: its root wants an RFC 3161 token (only with TSA_URL set). Once
   * per root — a batch re-mined after a reorg keeps its root and its row.
   */
  async timestampWanted(sql: Sql, chainTxId: string): Promise<void> {
    await sql.run(
      `insert into batch_timestamps (batch_root, chain_tx_id)
       select distinct batch_root, chain_tx_id from batch_leaves where chain_tx_id = $1
       on conflict (batch_root) do nothing`,
      [chainTxId],
    );
  }

  async checkpointSigned(sql: Sql, chainTxId: string, sequence: number): Promise<void> {
    await sql.run('update audit_checkpoints set chain_tx_id = $1 where seq = $2', [chainTxId, sequence]);
  }

  private async move(
    sql: Sql,
    chainTxId: string,
    from: AgreementStatus,
    to: AgreementStatus,
    reason: string,
    extra: string,
  ): Promise<number> {
    assertTransition(from, to);
    const rows = await sql.rows<{ id: string }>(
      `with moved as (
         update agreements a set status = $3, ${extra}, updated_at = now() from batch_leaves l
         where l.chain_tx_id = $1 and a.id = l.agreement_id and a.anchor_tx_id = $1 and a.status = $2
         returning a.id),
       logged as (
         insert into agreement_status_changes (agreement_id, status, reason) select id, $3, $4 from moved)
       select id from moved`,
      [chainTxId, from, to, reason],
    );
    return rows.length;
  }
}
