import type { NewDeposit } from '@signet/domain';

/**
 * A whole deposit as ONE statement: the agreement, its signatures and wraps, its first
 * status, the audit event and the outbox row. One statement is one implicit transaction
 * and one round trip; at hundreds of deposits a second the round trips of a multi-statement
 * transaction, not PostgreSQL's work, were the cost.
 */
export const INSERT_DEPOSIT_SQL = `
WITH agreement AS (
  INSERT INTO agreements (
    id, status, type, jurisdictions, parties, organization_ids, parent_id, supersedes_id,
    effective_at, expires_at, value, currency, metadata, metadata_hash, commitment,
    sealed_digest, sealed_size, nonce, signatures_hash, record_hash, depositor_id,
    idempotency_key, request_hash
  ) VALUES ($1, $2, $3, $4::text[], $5::text[], $6::uuid[], $7, $8, $9, $10, $11, $12, $13, $14, $15,
            $16, $17, $18, $19, $20, $21, $22, $23)
  RETURNING id
), signatures AS (
  INSERT INTO agreement_signatures (agreement_id, kind, credential_id, signing_key, signature)
  SELECT (SELECT id FROM agreement), s.kind, s.credential_id, s.signing_key, s.signature
  FROM unnest($24::text[], $25::text[], $26::text[], $27::text[]) AS s(kind, credential_id, signing_key, signature)
), wraps AS (
  INSERT INTO agreement_wraps (agreement_id, key_id, credential_id, box)
  SELECT (SELECT id FROM agreement), w.key_id, w.credential_id, w.box
  FROM unnest($28::text[], $29::text[], $30::text[]) AS w(key_id, credential_id, box)
), first_status AS (
  INSERT INTO agreement_status_changes (agreement_id, status, actor_id)
  SELECT id, $2, $21 FROM agreement
), audit AS (
  INSERT INTO audit_events (action, actor_id, actor_role, agreement_id, subject_id, purpose, detail)
  SELECT $31, $32, $33, id, NULL, NULL, $34::jsonb FROM agreement
), queued AS (
  INSERT INTO outbox (kind, subject_id, payload)
  SELECT $35::text, id, $36::jsonb FROM agreement WHERE $35::text IS NOT NULL
)
SELECT id FROM agreement`;

export function insertDepositParameters(deposit: NewDeposit): unknown[] {
  const { agreement: a, signatures, wraps, audit, anchor } = deposit;
  return [
    a.id,
    a.status,
    a.type,
    a.jurisdictions,
    a.parties,
    a.organizationIds,
    a.parentId,
    a.supersedesId,
    a.effectiveAt,
    a.expiresAt,
    a.value,
    a.currency,
    a.metadata,
    a.metadataHash,
    a.commitment,
    a.sealedDigest,
    a.sealedSize,
    a.nonce,
    a.signaturesHash,
    a.recordHash,
    a.depositorId,
    a.idempotencyKey,
    a.requestHash,
    signatures.map((s) => s.kind),
    signatures.map((s) => s.credentialId),
    signatures.map((s) => s.signingKey),
    signatures.map((s) => s.signature),
    wraps.map((w) => w.keyId),
    wraps.map((w) => w.credentialId),
    wraps.map((w) => w.box),
    audit.action,
    audit.actor?.credentialId ?? null,
    audit.actor?.role ?? null,
    JSON.stringify(audit.detail ?? {}),
    anchor?.kind ?? null,
    anchor ? JSON.stringify(anchor.payload) : null,
  ];
}
