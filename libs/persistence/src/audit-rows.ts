import type { AuditFields } from '@signet/domain';

/** An audit_events row as the trail's SQL reads it (bigints as text, times as Date). */
export interface AuditEventRow {
  id: string;
  seq: string | null;
  at: Date;
  action: string;
  actor_id: string | null;
  actor_role: string | null;
  agreement_id: string | null;
  subject_id: string | null;
  purpose: string | null;
  detail: Record<string, unknown> | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The columns behind AuditEventRow, for a table aliased `e`. */
export const EVENT_COLUMNS = `e.id::text as id, e.seq::text as seq, e.at, e.action, e.actor_id, e.actor_role,
  e.agreement_id, e.subject_id, e.purpose, e.detail, e.prev_hash, e.hash`;

/**
 * The hashed fields of a row. Times go through Date, so they hash at millisecond precision
 * (PostgreSQL keeps microseconds, JSON clients see milliseconds: everyone hashes the same).
 */
export function fieldsOf(row: AuditEventRow, seq: number): AuditFields {
  return {
    seq,
    at: row.at.toISOString(),
    action: row.action,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    agreementId: row.agreement_id,
    subjectId: row.subject_id,
    purpose: row.purpose,
    detail: row.detail ?? {},
  };
}
