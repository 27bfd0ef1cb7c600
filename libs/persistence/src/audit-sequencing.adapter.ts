import type { DataSource } from 'typeorm';
import { AuditSequencing, type SequencingCandidate, type SequencingRound } from '@signet/domain';
import { EVENT_COLUMNS, fieldsOf, type AuditEventRow } from './audit-rows';
import { inTransaction, QUEUE_READS, type Sql } from './sql';

/** The advisory lock's two int4 keys: "SGNT" and "AUDT" (the anchor worker holds "SGNT", 1). */
const LOCK_CLASS = 0x53474e54;
const LOCK_OBJECT = 0x41554454;

/** The oldest unsequenced events ($1 of them), each with whether its predecessor exists. */
export const SEQUENCER_CANDIDATES_SQL = `select ${EVENT_COLUMNS},
  exists(select 1 from audit_events p where p.id = e.id - 1)
    or e.id = (select min(id) from audit_events) as has_prev,
  (extract(epoch from clock_timestamp() - e.at) * 1000)::float8 as age_ms
  from audit_events e where e.seq is null order by e.id limit $1`;

interface CandidateRow extends AuditEventRow {
  has_prev: boolean;
  age_ms: number;
}

/** AuditSequencing on PostgreSQL: one transaction per round, under an advisory lock. */
export class PgAuditSequencing extends AuditSequencing {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  round<T>(wait: boolean, work: (round: SequencingRound) => Promise<T>): Promise<T | null> {
    return inTransaction(
      this.dataSource,
      async (sql) => ((await lock(sql, wait)) ? work(new PgSequencingRound(sql)) : null),
      QUEUE_READS,
    );
  }
}

async function lock(sql: Sql, wait: boolean): Promise<boolean> {
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

class PgSequencingRound implements SequencingRound {
  constructor(private readonly sql: Sql) {}

  async head(): Promise<{ seq: number; hash: string } | null> {
    const last = await this.sql.one<{ seq: string; hash: string }>(
      'select a.seq::text as seq, a.hash from audit_events a where a.seq is not null order by a.seq desc limit 1',
    );
    return last ? { seq: Number(last.seq), hash: last.hash } : null;
  }

  async candidates(limit: number): Promise<SequencingCandidate[]> {
    const rows = await this.sql.rows<CandidateRow>(SEQUENCER_CANDIDATES_SQL, [limit]);
    return rows.map((row) => {
      const { seq: _seq, ...fields } = fieldsOf(row, 0);
      return { id: row.id, fields, hasPrevious: row.has_prev, ageMs: row.age_ms };
    });
  }

  async assign(links: Array<{ id: string; seq: number; prevHash: string; hash: string }>): Promise<void> {
    if (links.length === 0) return;
    await this.sql.rows(
      `update audit_events e set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
       from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) as v(id, seq, prev_hash, hash)
       where e.id = v.id and e.seq is null`,
      [
        links.map((l) => l.id),
        links.map((l) => l.seq),
        links.map((l) => l.prevHash),
        links.map((l) => l.hash),
      ],
    );
  }

  async lastCheckpointSeq(): Promise<number> {
    const last = await this.sql.one<{ seq: string }>(
      'select c.seq::text as seq from audit_checkpoints c order by c.seq desc limit 1',
    );
    return last ? Number(last.seq) : 0;
  }

  async uncheckpointedAges(covered: number, head: number): Promise<{ ageMs: number; readAgeMs: number | null }> {
    const oldest = await this.sql.one<{ age_ms: number | null; read_age_ms: number | null }>(
      `select (extract(epoch from clock_timestamp() - min(at)) * 1000)::float8 as age_ms,
         (extract(epoch from clock_timestamp() - min(at) filter (where action = 'sealed.open')) * 1000)::float8
           as read_age_ms
       from audit_events where seq > $1 and seq <= $2`,
      [covered, head],
    );
    return { ageMs: oldest?.age_ms ?? 0, readAgeMs: oldest?.read_age_ms ?? null };
  }

  async insertCheckpoint(sequence: number, head: string): Promise<void> {
    await this.sql.rows('insert into audit_checkpoints (seq, head) values ($1, $2)', [sequence, head]);
    await this.sql.rows(
      `insert into outbox (kind, subject_id, payload) values ('audit_checkpoint', $1, $2::jsonb)`,
      [head, JSON.stringify({ sequence, head })],
    );
  }
}
