import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AUDIT_GENESIS, auditLinkOf, type AuditFields } from '@signet/domain';
import { AUDIT_SETTINGS, type AuditSettings } from './audit-settings';
import { inTransaction, QUEUE_READS, type Sql } from '@signet/persistence';
import { fieldsOf, type AuditEventRow, EVENT_COLUMNS } from './audit-rows';

/** The advisory lock's two int4 keys: "SGNT" and "AUDT" (the anchor worker holds "SGNT", 1). */
const LOCK_CLASS = 0x53474e54;
const LOCK_OBJECT = 0x41554454;
/** Rows sequenced per round; a backlog drains over several rounds. */
const BATCH = 500;

/** The oldest unsequenced events ($1 of them), each with whether its predecessor exists. */
export const SEQUENCER_CANDIDATES_SQL = `select ${EVENT_COLUMNS},
  exists(select 1 from audit_events p where p.id = e.id - 1)
    or e.id = (select min(id) from audit_events) as has_prev,
  (extract(epoch from clock_timestamp() - e.at) * 1000)::float8 as age_ms
  from audit_events e where e.seq is null order by e.id limit $1`;

export interface SequencerRound {
  /** False when another sequencer held the lock and this round did nothing. */
  ran: boolean;
  sequenced: number;
  head: { seq: number; hash: string } | null;
  checkpoint: { sequence: number; head: string } | null;
}

interface CandidateRow extends AuditEventRow {
  has_prev: boolean;
  age_ms: number;
}

/**
 * Gives appended audit rows (seq IS NULL) their place in the hash chain, and queues a
 * checkpoint of the head for the chain when one is due.
 *
 * One sequencer at a time, across processes: each round runs in one transaction under a
 * transaction-scoped advisory lock, so the lock can never outlive a crashed round.
 *
 * Order: rows are taken in id order, but ids are drawn before commit, so a lower id may
 * still be in flight when a higher one is visible. A round stops at the first hole in the
 * ids whose next row is younger than `gapGraceMs`, giving the in-flight transaction time
 * to commit; past that the hole is taken to be a rollback (which also leaves holes). A row
 * that commits even later is not lost: every round takes all unsequenced rows, so it gets
 * the next place — the chain order is then commit-ish rather than id order, which the
 * chain's integrity does not depend on.
 */
@Injectable()
export class AuditSequencer {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {}

  /**
   * One round. `wait`: block for the lock (a reader that must see its own access) instead
   * of skipping the round when another sequencer is busy.
   */
  async round(wait = false): Promise<SequencerRound> {
    return inTransaction(
      this.dataSource,
      async (sql) => {
        const locked = await this.lock(sql, wait);
        if (!locked) return { ran: false, sequenced: 0, head: null, checkpoint: null };
        const { sequenced, head } = await this.sequence(sql);
        const checkpoint = head ? await this.checkpointIfDue(sql, head) : null;
        return { ran: true, sequenced, head, checkpoint };
      },
      QUEUE_READS,
    );
  }

  private async lock(sql: Sql, wait: boolean): Promise<boolean> {
    if (wait) {
      await sql.rows('select pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, LOCK_OBJECT]);
      return true;
    }
    const row = await sql.one<{ locked: boolean }>('select pg_try_advisory_xact_lock($1, $2) as locked', [
      LOCK_CLASS,
      LOCK_OBJECT,
    ]);
    return row?.locked === true;
  }

  private async sequence(
    sql: Sql,
  ): Promise<{ sequenced: number; head: { seq: number; hash: string } | null }> {
    const last = await sql.one<{ seq: string; hash: string }>(
      'select a.seq::text as seq, a.hash from audit_events a where a.seq is not null order by a.seq desc limit 1',
    );
    let seq = last ? Number(last.seq) : 0;
    let prev = last?.hash ?? AUDIT_GENESIS;
    const candidates = await sql.rows<CandidateRow>(SEQUENCER_CANDIDATES_SQL, [BATCH]);
    const ids: string[] = [];
    const seqs: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const row of candidates) {
      // A young hole before this row: its owner may still commit; keep the id order for now.
      if (!row.has_prev && row.age_ms < this.settings.gapGraceMs) break;
      seq += 1;
      const fields: AuditFields = fieldsOf(row, seq);
      const link = auditLinkOf(fields, prev);
      ids.push(row.id);
      seqs.push(seq);
      prevs.push(prev);
      hashes.push(link.hash);
      prev = link.hash;
    }
    if (ids.length > 0) {
      // The append-only trigger lets each row be updated exactly once, from null seq and hash.
      await sql.rows(
        `update audit_events e set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
         from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) as v(id, seq, prev_hash, hash)
         where e.id = v.id and e.seq is null`,
        [ids, seqs, prevs, hashes],
      );
    }
    return { sequenced: ids.length, head: seq > 0 ? { seq, hash: prev } : null };
  }

  /**
   * Every `checkpointEvery` events, or `checkpointSeconds` after the first uncheckpointed one,
   * or `readCheckpointSeconds` after the first uncheckpointed read of sealed text.
   */
  private async checkpointIfDue(
    sql: Sql,
    head: { seq: number; hash: string },
  ): Promise<{ sequence: number; head: string } | null> {
    const last = await sql.one<{ seq: string }>(
      'select c.seq::text as seq from audit_checkpoints c order by c.seq desc limit 1',
    );
    const covered = last ? Number(last.seq) : 0;
    if (head.seq <= covered) return null;
    let due = head.seq - covered >= this.settings.checkpointEvery;
    if (!due) {
      // A read of sealed text is what parties most need proven, so it is checkpointed soon.
      const oldest = await sql.one<{ age_ms: number; read_age_ms: number | null }>(
        `select (extract(epoch from clock_timestamp() - min(at)) * 1000)::float8 as age_ms,
           (extract(epoch from clock_timestamp() - min(at) filter (where action = 'sealed.open')) * 1000)::float8
             as read_age_ms
         from audit_events where seq > $1 and seq <= $2`,
        [covered, head.seq],
      );
      due =
        (oldest?.age_ms ?? 0) >= this.settings.checkpointSeconds * 1000 ||
        (oldest?.read_age_ms ?? -1) >= this.settings.readCheckpointSeconds * 1000;
    }
    if (!due) return null;
    // The anchor worker sends the outbox row and links its transaction to this checkpoint row.
    await sql.rows('insert into audit_checkpoints (seq, head) values ($1, $2)', [head.seq, head.hash]);
    await sql.rows(
      `insert into outbox (kind, subject_id, payload) values ('audit_checkpoint', $1, $2::jsonb)`,
      [head.hash, JSON.stringify({ sequence: head.seq, head: head.hash })],
    );
    return { sequence: head.seq, head: head.hash };
  }
}
