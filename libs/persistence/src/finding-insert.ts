import type { FindingBaseline, FindingRecord, NewFinding } from '@signet/domain';

/** A query of the caller's transaction: an EntityManager's or an Sql's, both answer rows. */
export type RowsQuery = <T>(text: string, params: unknown[]) => Promise<T[]>;

/** Whom a finding is about and who sees it; all null and empty for a finding about the service. */
export interface FindingSubject {
  credentialId: string | null;
  organizationId: string | null;
  jurisdictions: string[];
}

export interface FindingRow {
  id: string;
  credential_id: string | null;
  organization_id: string | null;
  jurisdictions: string[];
  feature: string;
  key: string | null;
  severity: string;
  action: string;
  observed: number;
  baseline: FindingBaseline;
  threshold: NewFinding['threshold'];
  message: string;
  raised_at: Date;
}

export function toFinding(row: FindingRow): FindingRecord {
  return {
    id: row.id,
    credentialId: row.credential_id,
    organizationId: row.organization_id,
    jurisdictions: row.jurisdictions,
    feature: row.feature as FindingRecord['feature'],
    key: row.key,
    severity: row.severity as FindingRecord['severity'],
    action: row.action as FindingRecord['action'],
    observed: Number(row.observed),
    baseline: row.baseline,
    threshold: row.threshold,
    message: row.message,
    raisedAt: row.raised_at,
  };
}

/**
 * Writes a finding and its `behaviour.finding` audit event in the caller's transaction: the
 * finding enters the hash chain (and, by trigger, the webhook outbox as finding.raised).
 */
export async function insertFinding(
  query: RowsQuery,
  subject: FindingSubject,
  finding: NewFinding,
): Promise<FindingRecord> {
  const [row] = await query<FindingRow>(
    `INSERT INTO behaviour_findings (credential_id, organization_id, jurisdictions, feature, key, severity,
       action, observed, baseline, threshold, message, raised_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
    [
      subject.credentialId,
      subject.organizationId,
      subject.jurisdictions,
      finding.feature,
      finding.key,
      finding.severity,
      finding.action,
      finding.observed,
      JSON.stringify(finding.baseline),
      JSON.stringify(finding.threshold),
      finding.message,
      new Date(finding.at),
    ],
  );
  const record = toFinding(row);
  const detail = {
    findingId: record.id,
    credentialId: subject.credentialId,
    feature: record.feature,
    key: record.key,
    severity: record.severity,
    action: record.action,
    observed: record.observed,
    baseline: record.baseline,
    threshold: record.threshold,
  };
  await query(
    `INSERT INTO audit_events (action, actor_id, actor_role, subject_id, detail)
     VALUES ('behaviour.finding', null, null, $1, $2)`,
    [subject.credentialId, JSON.stringify(detail)],
  );
  return record;
}
