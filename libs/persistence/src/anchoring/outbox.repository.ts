import { AnchoringStatus, type OutboxWork } from '@signet/domain';
import type { Sql } from '../sql';

export interface AgreementLeafRow {
  outboxId: string;
  id: string;
  recordHash: string;
  /** The canonical metadata JSON when its packs decided `disclosure: public`, else null. */
  disclosedMetadata: string | null;
}

export interface OutboxSummary {
  /** Every row not yet in a transaction. */
  depth: number;
  /** Agreement rows among them, whether anchorable yet or not. */
  agreements: { count: number; oldestAgeMs: number | null };
  singles: number;
}

export interface SingleWorkRow {
  outboxId: string;
  work: Exclude<OutboxWork, { kind: 'agreement' }>;
}

/**
 * Only agreements that may be anchored count: PENDING_ANCHOR and not yet in a transaction.
 * An outbox row for anything else (still awaiting ratification) waits. Signing a batch
 * attaches every outbox row of its agreements in the same transaction, and only a release
 * (the transaction can never land) detaches them, so an unattached row is never one of a
 * batch in flight.
 */
const ANCHORABLE = `o.kind = 'agreement' and o.chain_tx_id is null
  and a.status = '${AnchoringStatus.PendingAnchor}'`;

/** The pending rows, counted: read on every round of the worker, through `outbox_pending`. */
export const OUTBOX_SUMMARY_SQL = `select count(*)::int as depth, count(*) filter (where kind = 'agreement')::int as agreements,
  (extract(epoch from now() - min(created_at) filter (where kind = 'agreement')) * 1000)::float8 as age_ms,
  count(*) filter (where kind <> 'agreement')::int as singles
  from outbox where chain_tx_id is null`;

/** The outbox, read and claimed by the worker. Rows are never deleted: chain_tx_id marks them done. */
export class OutboxRepository {
  async depth(sql: Sql): Promise<number> {
    return (await this.summary(sql)).depth;
  }

  /**
   * One cheap read of the pending rows (the partial index `outbox_pending` holds only them):
   * the depth gauge, and for agreements an upper bound of what `pendingAgreements` would
   * count, since every anchorable agreement has a pending row but not every pending row is
   * anchorable yet.
   */
  async summary(sql: Sql): Promise<OutboxSummary> {
    const row = await sql.one<{ depth: number; agreements: number; age_ms: number | null; singles: number }>(
      OUTBOX_SUMMARY_SQL,
    );
    return {
      depth: row?.depth ?? 0,
      agreements: { count: row?.agreements ?? 0, oldestAgeMs: row?.age_ms ?? null },
      singles: row?.singles ?? 0,
    };
  }

  /** How many agreements wait, and how long the oldest has waited (database clock). */
  async pendingAgreements(sql: Sql): Promise<{ count: number; oldestAgeMs: number | null }> {
    const row = await sql.one<{ count: number; age_ms: number | null }>(
      `select count(*)::int as count,
         (extract(epoch from now() - min(o.created_at)) * 1000)::float8 as age_ms
       from outbox o join agreements a on a.id = o.subject_id where ${ANCHORABLE}`,
    );
    return { count: row?.count ?? 0, oldestAgeMs: row?.age_ms ?? null };
  }

  /** Locks up to `limit` anchorable rows, oldest first; rows another transaction holds are skipped. */
  async claimAgreements(sql: Sql, limit: number): Promise<AgreementLeafRow[]> {
    const rows = await sql.rows<{
      outbox_id: string;
      id: string;
      record_hash: string;
      disclosed: string | null;
    }>(
      `select o.id as outbox_id, a.id, a.record_hash,
         case when a.policy_decision->>'disclosure' = 'public' then a.metadata end as disclosed
       from outbox o join agreements a on a.id = o.subject_id
       where ${ANCHORABLE} order by o.id limit $1 for update of o skip locked`,
      [limit],
    );
    return rows.map((r) => ({
      outboxId: r.outbox_id,
      id: r.id,
      recordHash: r.record_hash,
      disclosedMetadata: r.disclosed,
    }));
  }

  /** Every outbox row of these agreements (duplicates included) now rides on this transaction. */
  async attachAgreements(sql: Sql, chainTxId: string, ids: string[]): Promise<void> {
    await sql.run(
      `update outbox set chain_tx_id = $1 where kind = 'agreement' and chain_tx_id is null and subject_id = any($2)`,
      [chainTxId, ids],
    );
  }

  async claimSingle(sql: Sql, skip: string[]): Promise<SingleWorkRow | undefined> {
    const row = await sql.one<{
      id: string;
      kind: string;
      subject_id: string;
      payload: Record<string, unknown>;
    }>(
      `select id, kind, subject_id, payload from outbox
       where kind <> 'agreement' and chain_tx_id is null and not (id = any($1::bigint[]))
       order by id limit 1 for update skip locked`,
      [skip],
    );
    if (!row) return undefined;
    const work = { kind: row.kind, subjectId: row.subject_id, payload: row.payload } as SingleWorkRow['work'];
    return { outboxId: row.id, work };
  }

  async attach(sql: Sql, chainTxId: string, outboxIds: string[]): Promise<void> {
    await sql.run('update outbox set chain_tx_id = $1 where id = any($2::bigint[])', [chainTxId, outboxIds]);
  }

  /** Gives a transaction's rows back to the queue (its nonce went elsewhere, or its batch reverted). */
  async detach(sql: Sql, chainTxId: string, kind?: string): Promise<number> {
    return sql.run(
      `update outbox set chain_tx_id = null where chain_tx_id = $1 and ($2::text is null or kind = $2)`,
      [chainTxId, kind ?? null],
    );
  }
}
