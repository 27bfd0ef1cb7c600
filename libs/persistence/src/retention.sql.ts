import { AgreementStatus, canTransition, type RetentionRecord } from '@signet/domain';

/** The advisory lock of retention runs (ASCII "SGRT"): one at a time across every process. */
export const RETENTION_LOCK = 0x53475254;

/** Statuses the job may move to SHREDDED, as the domain's status machine says. */
export const SHREDDABLE = Object.values(AgreementStatus).filter((status) =>
  canTransition(status, AgreementStatus.Shredded),
);

export const NEEDING_SCHEDULE_SQL = `select a.id, a.type, a.status, a.created_at, a.expires_at, a.metadata, a.sealed_digest,
    p.metadata as parent_metadata, coalesce(a.policy_decision -> 'packs', '[]'::jsonb) as packs,
    r.agreement_id is not null as scheduled,
    (select max(c.at) from agreement_status_changes c
      where c.agreement_id = a.id and c.status in ('TERMINATED', 'REJECTED')) as ended_at
  from agreements a
  left join agreement_retention r on r.agreement_id = a.id
  left join agreements p on p.id = a.parent_id
  where ($1::text is null or a.id > $1) and ($3::text is null or a.id = $3)
    and (r.agreement_id is null or (r.state = 'SCHEDULED' and r.reason = 'schedule' and (
      (a.status = 'TERMINATED' and r.end_kind <> 'termination') or (a.status = 'REJECTED' and r.end_kind <> 'rejection'))))
  order by a.id limit $2`;

export interface ScheduleRow {
  id: string;
  type: string;
  status: string;
  created_at: Date;
  expires_at: Date;
  metadata: string;
  sealed_digest: string;
  parent_metadata: string | null;
  packs: Array<{ hash: string }>;
  scheduled: boolean;
  ended_at: Date | null;
}

export interface RetentionRow {
  agreement_id: string;
  destroy_at: Date;
  minimum_until: Date;
  maximum_until: Date | null;
  ends_at: Date;
  end_kind: string;
  rule: string;
  state: string;
  held: boolean;
  key_id: string | null;
  pending_key_id: string | null;
  shredded_at: Date | null;
  shred_evidence: Record<string, unknown> | null;
  shred_detail: string | null;
}

export function recordFrom(row: RetentionRow): RetentionRecord {
  return {
    agreementId: row.agreement_id,
    destroyAt: row.destroy_at,
    minimumUntil: row.minimum_until,
    maximumUntil: row.maximum_until,
    endsAt: row.ends_at,
    endKind: row.end_kind as RetentionRecord['endKind'],
    rule: row.rule,
    state: row.state as RetentionRecord['state'],
    held: row.held,
    keyId: row.key_id,
    pendingKeyId: row.pending_key_id,
    shreddedAt: row.shredded_at,
    shredEvidence: row.shred_evidence,
    shredDetail: row.shred_detail,
  };
}
