import { AgreementStatus, AgreementStatusEvent, sourcesOf, type NewDeposit } from '@signet/domain';

/**
 * Deposits as ONE statement, however many: the agreements, their signatures and wraps,
 * first statuses, audit events and outbox rows. One statement is one implicit transaction
 * and one round trip; at hundreds of deposits a second the round trips and commits, not
 * PostgreSQL's row work, were the cost. Rows travel as JSON arrays because `unnest` would
 * flatten the agreements' own array columns.
 *
 * A deposit whose id or idempotency key is taken (a concurrent deposit) is skipped whole
 * (`ON CONFLICT DO NOTHING`; its other rows follow `agreement`), and so is an amendment to
 * anchor now whose agreement is no longer FINAL: `amendable` locks the agreements to amend,
 * so a concurrent amendment or termination waits here and the loser sees the new status.
 * Each amendment written moves its agreement to SUPERSEDED and queues AMENDED, after the
 * amendment's own record. The result names what was written and what could be amended.
 */
export const INSERT_DEPOSITS_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    ord int, id text, status text, type text, jurisdictions text[], parties text[],
    organization_ids uuid[], parent_id text, supersedes_id text, effective_at timestamptz,
    expires_at timestamptz, value numeric, currency text, metadata text, metadata_hash text,
    commitment text, sealed_digest text, sealed_size int, nonce text, signatures_hash text,
    record_hash text, depositor_id text, idempotency_key text, request_hash text, policy_decision jsonb,
    audit_action text, actor_id text, actor_role text, audit_detail jsonb,
    anchor_kind text, anchor_payload jsonb)
), amendable AS (
  SELECT o.id FROM agreements o
  WHERE o.id IN (SELECT supersedes_id::bpchar FROM input WHERE supersedes_id IS NOT NULL AND anchor_kind IS NOT NULL)
    AND o.status = ANY($4::text[])
  FOR UPDATE
), agreement AS (
  INSERT INTO agreements (
    id, status, type, jurisdictions, parties, organization_ids, parent_id, supersedes_id,
    effective_at, expires_at, value, currency, metadata, metadata_hash, commitment,
    sealed_digest, sealed_size, nonce, signatures_hash, record_hash, depositor_id,
    idempotency_key, request_hash, policy_decision
  )
  SELECT id, status, type, jurisdictions, parties, organization_ids, parent_id, supersedes_id,
         effective_at, expires_at, value, currency, metadata, metadata_hash, commitment,
         sealed_digest, sealed_size, nonce, signatures_hash, record_hash, depositor_id,
         idempotency_key, request_hash, policy_decision
  FROM input
  WHERE supersedes_id IS NULL OR anchor_kind IS NULL OR supersedes_id IN (SELECT id::text FROM amendable)
  ORDER BY ord
  ON CONFLICT DO NOTHING
  RETURNING id::text AS id
), inserted AS (
  SELECT input.* FROM input JOIN agreement USING (id)
), amendment AS (
  SELECT * FROM inserted WHERE supersedes_id IS NOT NULL AND anchor_kind IS NOT NULL
), signatures AS (
  INSERT INTO agreement_signatures (agreement_id, kind, credential_id, signing_key, signature)
  SELECT agreement_id, kind, credential_id, signing_key, signature
  FROM jsonb_to_recordset($2::jsonb)
    AS s(agreement_id text, kind text, credential_id text, signing_key text, signature text)
  WHERE agreement_id IN (SELECT id FROM agreement)
), wraps AS (
  INSERT INTO agreement_wraps (agreement_id, key_id, credential_id, box)
  SELECT agreement_id, key_id, credential_id, box
  FROM jsonb_to_recordset($3::jsonb) AS w(agreement_id text, key_id text, credential_id text, box text)
  WHERE agreement_id IN (SELECT id FROM agreement)
), superseded AS (
  UPDATE agreements o SET status = $5::text, superseded_by_id = a.id, updated_at = now()
  FROM amendment a WHERE o.id = a.supersedes_id::bpchar
), statuses AS (
  INSERT INTO agreement_status_changes (agreement_id, status, actor_id, reason)
  SELECT agreement_id, status, actor_id, reason FROM (
    SELECT 0 AS part, ord, id AS agreement_id, status, depositor_id AS actor_id, NULL AS reason FROM inserted
    UNION ALL
    SELECT 1, ord, supersedes_id, $5::text, depositor_id, 'amended by ' || id FROM amendment
  ) s ORDER BY part, ord
), audit AS (
  INSERT INTO audit_events (action, actor_id, actor_role, agreement_id, subject_id, purpose, detail)
  SELECT audit_action, actor_id, actor_role, id, NULL, NULL, audit_detail FROM inserted ORDER BY ord
), queued AS (
  INSERT INTO outbox (kind, subject_id, payload)
  SELECT kind, subject_id, payload FROM (
    SELECT 0 AS part, ord, anchor_kind AS kind, id AS subject_id, anchor_payload AS payload
      FROM inserted WHERE anchor_kind IS NOT NULL
    UNION ALL
    SELECT 1, ord, 'status', supersedes_id, jsonb_build_object('status', $6::int, 'detail', id) FROM amendment
  ) q ORDER BY part, ord
)
SELECT (SELECT coalesce(array_agg(id), '{}'::text[]) FROM agreement) AS inserted,
       (SELECT coalesce(array_agg(id::text), '{}'::text[]) FROM amendable) AS amendable`;

/** What the statement wrote: the ids of the agreements inserted, and of those amendments replaced. */
export interface InsertDepositsRow {
  inserted: string[];
  amendable: string[];
}

export function insertDepositsParameters(deposits: NewDeposit[]): unknown[] {
  const agreements = deposits.map(({ agreement: a, audit, anchor }, ord) => ({
    ord,
    id: a.id,
    status: a.status,
    type: a.type,
    jurisdictions: a.jurisdictions,
    parties: a.parties,
    organization_ids: a.organizationIds,
    parent_id: a.parentId,
    supersedes_id: a.supersedesId,
    effective_at: a.effectiveAt.toISOString(),
    expires_at: a.expiresAt.toISOString(),
    value: a.value,
    currency: a.currency,
    metadata: a.metadata,
    metadata_hash: a.metadataHash,
    commitment: a.commitment,
    sealed_digest: a.sealedDigest,
    sealed_size: a.sealedSize,
    nonce: a.nonce,
    signatures_hash: a.signaturesHash,
    record_hash: a.recordHash,
    depositor_id: a.depositorId,
    idempotency_key: a.idempotencyKey,
    request_hash: a.requestHash,
    policy_decision: a.policyDecision,
    audit_action: audit.action,
    actor_id: audit.actor?.credentialId ?? null,
    actor_role: audit.actor?.role ?? null,
    audit_detail: audit.detail ?? {},
    anchor_kind: anchor?.kind ?? null,
    anchor_payload: anchor?.payload ?? null,
  }));
  const signatures = deposits.flatMap(({ agreement, signatures: rows }) =>
    rows.map((s) => ({
      agreement_id: agreement.id,
      kind: s.kind,
      credential_id: s.credentialId,
      signing_key: s.signingKey,
      signature: s.signature,
    })),
  );
  const wraps = deposits.flatMap(({ agreement, wraps: rows }) =>
    rows.map((w) => ({
      agreement_id: agreement.id,
      key_id: w.keyId,
      credential_id: w.credentialId,
      box: w.box,
    })),
  );
  return [
    JSON.stringify(agreements),
    JSON.stringify(signatures),
    JSON.stringify(wraps),
    sourcesOf(AgreementStatus.Superseded),
    AgreementStatus.Superseded,
    AgreementStatusEvent.Amended,
  ];
}
