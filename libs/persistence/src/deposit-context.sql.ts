import type { AgreementStatus, CredentialRecord, DepositContext, DepositContextQuery } from '@signet/domain';
import { toCredentialRecord } from './record-mappers';

/**
 * Everything the checks of a batch of deposits read, in ONE round trip: earlier deposits
 * under the same idempotency keys, the parties' credentials, the live designated
 * regulators of the jurisdictions, and the parents and agreements to amend ($5 holds both). The use case sorts them per deposit.
 * Keys and ids are joined from unnested arrays, so every lookup is one index probe: as
 * `= ANY(array)` a plan made while the table was small filtered all of a depositor's
 * agreements, and ids typed text could not use the char(66) index at all. The earlier
 * deposits are looked up per key (LATERAL, with a LIMIT that keeps the planner from
 * flattening it back into a join): as a plain join, statistics that still
 * counted few agreements (no ANALYZE since) chose to read every agreement of the
 * depositor and filter them by key, a read that grew with each deposit.
 */
export const DEPOSIT_CONTEXTS_SQL = `
SELECT
  (SELECT coalesce(json_agg(json_build_object(
            'idempotencyKey', a.idempotency_key, 'id', a.id, 'status', a.status, 'requestHash', a.request_hash)), '[]'::json)
     FROM unnest($2::varchar[]) AS k(key)
     CROSS JOIN LATERAL (
       SELECT e.idempotency_key, e.id, e.status, e.request_hash FROM agreements e
       WHERE e.depositor_id = $1 AND e.idempotency_key = k.key LIMIT 1) a) AS earlier,
  (SELECT coalesce(json_agg(to_jsonb(c.*) || jsonb_build_object('home', o.jurisdiction)), '[]'::json)
     FROM credentials c LEFT JOIN organizations o ON o.id = c.organization_id
     WHERE c.id = ANY($3::bpchar[])) AS parties,
  (SELECT coalesce(json_agg(json_build_object('jurisdiction', d.jurisdiction, 'credential', to_json(c.*))), '[]'::json)
     FROM regulator_designations d JOIN credentials c ON c.id = d.credential_id
     WHERE d.jurisdiction = ANY($4::text[]) AND c.revoked_at IS NULL) AS regulators,
  (SELECT coalesce(json_agg(json_build_object(
            'id', a.id, 'status', a.status, 'expiresAt', a.expires_at, 'organizationIds', a.organization_ids,
            'type', a.type, 'metadata', a.metadata)), '[]'::json)
     FROM unnest($5::bpchar[]) AS p(id) JOIN agreements a ON a.id = p.id) AS parents,
  (SELECT coalesce(max(id), 0) FROM policy_activations) AS policy_version`;

interface CredentialJson {
  id: string;
  role: string;
  organization_id: string | null;
  signing_key: string;
  box_key: string;
  jurisdictions: string[];
  principal_id: string | null;
  mandate_max_value: string | number | null;
  mandate_currency: string | null;
  mandate_types: string[] | null;
  expires_at: string | null;
  revoked_at: string | null;
  escalate_until?: string | null;
  home: string | null;
}

export interface DepositContextsRow {
  earlier: Array<{ idempotencyKey: string; id: string; status: string; requestHash: string }>;
  parties: CredentialJson[];
  regulators: Array<{ jurisdiction: string; credential: CredentialJson }>;
  parents: Array<{
    id: string;
    status: string;
    expiresAt: string;
    organizationIds: string[];
    type: string;
    metadata: string;
  }>;
  /** bigint: pg hands it over as a string. */
  policy_version: string | number;
}

function credentialFromJson(row: CredentialJson): CredentialRecord {
  const record = toCredentialRecord({
    id: row.id,
    role: row.role,
    organizationId: row.organization_id,
    signingKey: row.signing_key,
    boxKey: row.box_key,
    jurisdictions: row.jurisdictions,
    principalId: row.principal_id,
    // json_agg renders numeric as a JSON number; String() keeps its decimal digits.
    mandateMaxValue: row.mandate_max_value === null ? null : String(row.mandate_max_value),
    mandateCurrency: row.mandate_currency,
    mandateTypes: row.mandate_types,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  });
  if (row.escalate_until) record.escalateUntil = new Date(row.escalate_until);
  return record;
}

/** One context per query, in order, from the batch's single row. */
export function depositContextsFrom(
  row: DepositContextsRow,
  queries: DepositContextQuery[],
): DepositContext[] {
  const earlier = new Map(row.earlier.map((e) => [e.idempotencyKey, e]));
  const credentials = new Map(row.parties.map((c) => [c.id, credentialFromJson(c)]));
  const homes = new Map(row.parties.map((c) => [c.id, c.home]));
  const policyVersion = Number(row.policy_version);
  const parents = new Map(row.parents.map((p) => [p.id, p]));
  const regulators = row.regulators.map((r) => ({
    jurisdiction: r.jurisdiction,
    credential: credentialFromJson(r.credential),
  }));
  return queries.map((query) => {
    const found = earlier.get(query.idempotencyKey);
    const parent = query.parentId ? parents.get(query.parentId) : undefined;
    const amended = query.supersedesId ? parents.get(query.supersedesId) : undefined;
    const designated = new Map<string, CredentialRecord>();
    for (const r of regulators) {
      if (query.jurisdictions.includes(r.jurisdiction)) designated.set(r.credential.id, r.credential);
    }
    return {
      earlier: found
        ? { id: found.id, status: found.status as AgreementStatus, requestHash: found.requestHash }
        : null,
      parties: query.parties.flatMap((id) => credentials.get(id) ?? []),
      regulators: [...designated.values()],
      parent: parent ? parentFrom(parent) : null,
      supersedes: amended
        ? {
            id: amended.id,
            status: amended.status as AgreementStatus,
            organizationIds: amended.organizationIds,
          }
        : null,
      partyHomes: Object.fromEntries(query.parties.map((id) => [id, homes.get(id) ?? null])),
      policyVersion,
    };
  });
}

function parentFrom(parent: DepositContextsRow['parents'][number]): NonNullable<DepositContext['parent']> {
  const metadata = JSON.parse(parent.metadata) as { effectiveAt: string; terms?: Record<string, unknown> };
  return {
    id: parent.id,
    status: parent.status as AgreementStatus,
    expiresAt: new Date(parent.expiresAt),
    organizationIds: parent.organizationIds,
    type: parent.type,
    effectiveAt: metadata.effectiveAt,
    terms: metadata.terms,
  };
}
