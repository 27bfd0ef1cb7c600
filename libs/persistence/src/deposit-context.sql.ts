import type { AgreementStatus, CredentialRecord, DepositContext } from '@signet/domain';
import { toCredentialRecord } from './record-mappers';

/**
 * Everything a deposit's checks read, in ONE round trip: an earlier deposit under the same
 * idempotency key, the parties' credentials, the designated regulators of the
 * jurisdictions, and the parent.
 */
export const DEPOSIT_CONTEXT_SQL = `
SELECT
  (SELECT json_build_object('id', id, 'status', status, 'requestHash', request_hash)
     FROM agreements WHERE depositor_id = $1 AND idempotency_key = $2) AS earlier,
  (SELECT coalesce(json_agg(c.*), '[]'::json) FROM credentials c WHERE c.id = ANY($3::text[])) AS parties,
  (SELECT coalesce(json_agg(c.*), '[]'::json) FROM credentials c
     WHERE c.revoked_at IS NULL
       AND c.id IN (SELECT credential_id FROM regulator_designations WHERE jurisdiction = ANY($4::text[]))) AS regulators,
  (SELECT json_build_object('id', id, 'status', status, 'expiresAt', expires_at, 'organizationIds', organization_ids)
     FROM agreements WHERE id = $5) AS parent`;

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
}

export interface DepositContextRow {
  earlier: { id: string; status: string; requestHash: string } | null;
  parties: CredentialJson[];
  regulators: CredentialJson[];
  parent: { id: string; status: string; expiresAt: string; organizationIds: string[] } | null;
}

function credentialFromJson(row: CredentialJson): CredentialRecord {
  return toCredentialRecord({
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
}

export function depositContextFrom(row: DepositContextRow): DepositContext {
  return {
    earlier: row.earlier ? { ...row.earlier, status: row.earlier.status as AgreementStatus } : null,
    parties: row.parties.map(credentialFromJson),
    regulators: row.regulators.map(credentialFromJson),
    parent: row.parent
      ? {
          ...row.parent,
          status: row.parent.status as AgreementStatus,
          expiresAt: new Date(row.parent.expiresAt),
        }
      : null,
  };
}
