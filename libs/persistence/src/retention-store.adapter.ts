import type { DataSource } from 'typeorm';
import {
  AgreementStatus,
  AgreementStatusEvent,
  RetentionStore,
  type Caller,
  type CompletedShred,
  type DestructionRequest,
  type KeptAgreement,
  type LegalHoldRecord,
  type RetentionRecord,
  type RetentionSchedule,
  type RewrapCandidate,
  type ScheduleSource,
  type ShredItem,
} from '@signet/domain';
import { inTransaction, withSql } from './sql';
import {
  NEEDING_SCHEDULE_SQL,
  RETENTION_LOCK,
  SHREDDABLE,
  recordFrom,
  type RetentionRow,
  type ScheduleRow,
} from './retention.sql';
import {
  HOLD_COLUMNS,
  holdFrom,
  liftHolds,
  placeHold,
  requestDestruction,
  type HoldRow,
} from './legal-hold.sql';

/** RetentionStore on PostgreSQL: set-based statements, one transaction per batch of shreds. */
export class PgRetentionStore extends RetentionStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async needingSchedule(after: string | null, limit: number, only?: string): Promise<ScheduleSource[]> {
    const rows = await withSql(this.dataSource, (sql) =>
      sql.rows<ScheduleRow>(NEEDING_SCHEDULE_SQL, [after, limit, only ?? null]),
    );
    return rows.map((row) => ({
      agreementId: row.id,
      type: row.type,
      status: row.status as AgreementStatus,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      endedAt: row.ended_at,
      metadata: row.metadata,
      parentMetadata: row.parent_metadata,
      packHashes: row.packs.map((pack) => pack.hash),
      sealedDigest: row.sealed_digest,
      scheduled: row.scheduled,
    }));
  }

  async saveSchedules(
    rows: Array<{ agreementId: string; schedule: RetentionSchedule; keyId: string | null }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
    await withSql(this.dataSource, (sql) =>
      sql.run(
        `insert into agreement_retention (agreement_id, destroy_at, minimum_until, maximum_until, ends_at, end_kind, rule, key_id)
         select * from unnest($1::char(66)[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[],
                              $5::timestamptz[], $6::varchar[], $7::text[], $8::varchar[])
         on conflict (agreement_id) do update set destroy_at = excluded.destroy_at,
           minimum_until = excluded.minimum_until, maximum_until = excluded.maximum_until,
           ends_at = excluded.ends_at, end_kind = excluded.end_kind, rule = excluded.rule, updated_at = now()
         where agreement_retention.state = 'SCHEDULED' and agreement_retention.reason = 'schedule'`,
        [
          column((r) => r.agreementId),
          column((r) => r.schedule.destroyAt),
          column((r) => r.schedule.minimumUntil),
          column((r) => r.schedule.maximumUntil),
          column((r) => r.schedule.endsAt),
          column((r) => r.schedule.endKind),
          column((r) => r.schedule.rule),
          column((r) => r.keyId),
        ],
      ),
    );
  }

  async find(agreementId: string): Promise<RetentionRecord | null> {
    const row = await withSql(this.dataSource, (sql) =>
      sql.one<RetentionRow>('select * from agreement_retention where agreement_id = $1', [agreementId]),
    );
    return row ? recordFrom(row) : null;
  }

  async holds(agreementId: string): Promise<LegalHoldRecord[]> {
    const rows = await withSql(this.dataSource, (sql) =>
      sql.rows<HoldRow>(
        `select ${HOLD_COLUMNS} from legal_holds where agreement_id = $1 order by placed_at, id`,
        [agreementId],
      ),
    );
    return rows.map(holdFrom);
  }

  async rewrapCandidates(now: Date, after: string | null, limit: number): Promise<RewrapCandidate[]> {
    const rows = await withSql(this.dataSource, (sql) =>
      sql.rows<{
        agreement_id: string;
        sealed_digest: string;
        destroy_at: Date;
        held: boolean;
        key_id: string | null;
      }>(
        `select r.agreement_id, a.sealed_digest, r.destroy_at, r.held, r.key_id
         from agreement_retention r join agreements a on a.id = r.agreement_id
         where r.state = 'SCHEDULED' and (r.held or r.destroy_at > $1) and ($2::text is null or r.agreement_id > $2)
         order by r.agreement_id limit $3`,
        [now, after, limit],
      ),
    );
    return rows.map((row) => ({
      agreementId: row.agreement_id,
      sealedDigest: row.sealed_digest,
      destroyAt: row.destroy_at,
      held: row.held,
      keyId: row.key_id,
    }));
  }

  async beginRewrap(agreementId: string, keyId: string): Promise<void> {
    await withSql(this.dataSource, (sql) =>
      sql.run(
        'update agreement_retention set pending_key_id = $2, updated_at = now() where agreement_id = $1',
        [agreementId, keyId],
      ),
    );
  }

  async endRewrap(agreementId: string, keyId: string): Promise<void> {
    await withSql(this.dataSource, (sql) =>
      sql.run(
        `update agreement_retention set key_id = $2, pending_key_id = null, updated_at = now()
         where agreement_id = $1 and pending_key_id = $2`,
        [agreementId, keyId],
      ),
    );
  }

  async claimDue(now: Date, limit: number): Promise<ShredItem[]> {
    return withSql(this.dataSource, async (sql) => {
      await sql.run(
        `update agreement_retention set state = 'SHREDDING', updated_at = now()
         where agreement_id in (
           select r.agreement_id from agreement_retention r join agreements a on a.id = r.agreement_id
           where r.state = 'SCHEDULED' and not r.held and r.destroy_at <= $1 and a.status = any($2)
           order by r.destroy_at limit $3 for update of r skip locked)
         and state = 'SCHEDULED' and not held`,
        [now, SHREDDABLE, limit],
      );
      const rows = await sql.rows<
        RetentionRow & { sealed_digest: string; status: string; reason: string; wraps: string[] }
      >(
        `select r.*, a.sealed_digest, a.status,
           array(select w.key_id from agreement_wraps w where w.agreement_id = r.agreement_id order by w.key_id) as wraps
         from agreement_retention r join agreements a on a.id = r.agreement_id
         where r.state = 'SHREDDING' order by r.agreement_id limit $1`,
        [limit],
      );
      return rows.map((row) => ({
        agreementId: row.agreement_id,
        sealedDigest: row.sealed_digest,
        status: row.status as AgreementStatus,
        keyId: row.key_id,
        pendingKeyId: row.pending_key_id,
        wrapKeyIds: row.wraps,
        reason: row.reason as ShredItem['reason'],
        rule: row.rule,
        destroyAt: row.destroy_at,
      }));
    });
  }

  async completeShreds(shreds: CompletedShred[], now: Date): Promise<string[]> {
    if (shreds.length === 0) return [];
    return inTransaction(this.dataSource, async (sql) => {
      const moved = await sql.rows<{ id: string }>(
        `update agreements a set status = $4, shredded_at = $3, legal_hold = false, updated_at = now()
         from (select id from agreements where id = any($1) and status = any($2) for update) o
         where a.id = o.id returning a.id`,
        [shreds.map((s) => s.agreementId), SHREDDABLE, now, AgreementStatus.Shredded],
      );
      const done = new Set(moved.map((row) => row.id));
      const items = shreds.filter((s) => done.has(s.agreementId));
      if (items.length === 0) return [];
      const ids = items.map((s) => s.agreementId);
      const details = items.map((s) => s.detail);
      const evidence = items.map((s) => JSON.stringify(s.evidence));
      await sql.run('delete from agreement_wraps where agreement_id = any($1)', [ids]);
      await sql.run(
        `insert into agreement_status_changes (agreement_id, status, actor_id, reason)
         select id, $3, null, 'crypto-shredded: ' || (e ->> 'reason') || ' (' || (e ->> 'rule') || ')'
         from unnest($1::char(66)[], $2::jsonb[]) as t(id, e)`,
        [ids, evidence, AgreementStatus.Shredded],
      );
      await sql.run(
        `insert into outbox (kind, subject_id, payload)
         select 'status', id, jsonb_build_object('status', $3::int, 'detail', detail)
         from unnest($1::char(66)[], $2::text[]) as t(id, detail)`,
        [ids, details, AgreementStatusEvent.Shredded],
      );
      await sql.run(
        `insert into audit_events (action, actor_id, actor_role, agreement_id, detail)
         select 'agreement.shred', null, null, id, jsonb_build_object('detail', detail, 'evidence', e)
         from unnest($1::char(66)[], $2::text[], $3::jsonb[]) as t(id, detail, e)`,
        [ids, details, evidence],
      );
      await sql.run(
        `update agreement_retention r set state = 'SHREDDED', shredded_at = $4, shred_detail = t.detail,
           shred_evidence = t.e, updated_at = now()
         from unnest($1::char(66)[], $2::text[], $3::jsonb[]) as t(id, detail, e) where r.agreement_id = t.id`,
        [ids, details, evidence, now],
      );
      return ids;
    });
  }

  async kept(now: Date, limit: number): Promise<KeptAgreement[]> {
    const rows = await withSql(this.dataSource, (sql) =>
      sql.rows<{ agreement_id: string; held: boolean; destroy_at: Date; rule: string }>(
        `(select agreement_id, held, destroy_at, rule from agreement_retention
           where state = 'SCHEDULED' and held and destroy_at <= $1 order by destroy_at limit $2)
         union all
         (select agreement_id, held, destroy_at, rule from agreement_retention
           where state = 'SCHEDULED' and not held and ends_at <= $1 and destroy_at > $1 and rule like '%.minDays'
           order by destroy_at limit $2)`,
        [now, limit],
      ),
    );
    return rows.map((row) => ({
      agreementId: row.agreement_id,
      keptBy: row.held ? 'hold' : 'minimum',
      destroyAt: row.destroy_at,
      rule: row.rule,
    }));
  }

  /** A session advisory lock on one pooled connection, held for the run (released if the process dies). */
  async exclusively<T>(work: () => Promise<T>): Promise<T> {
    return withSql(this.dataSource, async (sql) => {
      await sql.run('select pg_advisory_lock($1)', [RETENTION_LOCK]);
      try {
        return await work();
      } finally {
        await sql.run('select pg_advisory_unlock($1)', [RETENTION_LOCK]);
      }
    });
  }

  async keysInUse(before: Date): Promise<{ keyIds: Set<string>; unscheduled: number }> {
    return withSql(this.dataSource, async (sql) => {
      const keys = await sql.rows<{ k: string }>(
        `select key_id as k from agreement_retention where state <> 'SHREDDED' and key_id is not null
         union select pending_key_id from agreement_retention where state <> 'SHREDDED' and pending_key_id is not null`,
      );
      const row = await sql.one<{ n: number }>(
        `select count(*)::int as n from agreements a where a.created_at < $1
         and not exists (select 1 from agreement_retention r where r.agreement_id = a.id)`,
        [before],
      );
      return { keyIds: new Set(keys.map((key) => key.k)), unscheduled: row?.n ?? 0 };
    });
  }

  placeHold(agreementId: string, caller: Caller, reason: string): Promise<LegalHoldRecord | 'gone'> {
    return inTransaction(this.dataSource, (sql) => placeHold(sql, agreementId, caller, reason));
  }

  liftHolds(agreementId: string, caller: Caller, reason: string): Promise<LegalHoldRecord[]> {
    return inTransaction(this.dataSource, (sql) => liftHolds(sql, agreementId, caller, reason));
  }

  requestDestruction(request: DestructionRequest): Promise<'accepted' | 'held' | 'gone'> {
    return inTransaction(this.dataSource, (sql) => requestDestruction(sql, request));
  }
}
