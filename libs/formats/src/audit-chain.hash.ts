import { fromHex, utf8, ZERO_BYTES32, type HexString } from './bytes.codec';
import { canonicalJson } from './canonical-json.codec';
import { keccak256Hex } from './keccak.hash';

/**
 * The access trail's hash chain (FORMATS.md, Access trail; docs/AUDIT.md). Each event's hash
 * binds the previous hash, a tag of the agreement it concerns and the hash of its fields:
 *
 *   agreementTag = H("signet:audit-agreement:v1" ‖ agreementId[32])   (zero word when none)
 *   fieldsHash   = H("signet:audit-fields:v1" ‖ utf8(canonicalJson(fields)))
 *   hash         = H("signet:audit:v1" ‖ prevHash[32] ‖ agreementTag[32] ‖ fieldsHash[32])
 *   prevHash of seq 1 = H("signet:audit:genesis")
 *
 * Splitting the content into a tag and a fields hash is what lets a party recompute every
 * link of the whole chain while seeing only its own agreement's fields: for the others'
 * events it gets the tag and the fields hash, and the tag alone shows that none of them
 * is secretly about its agreement. It lives here, beside the other byte rules, because an
 * evidence bundle's audit checkpoint is checked with it offline.
 */
export const AUDIT_HASH_DOMAIN = 'signet:audit:v1';
export const AUDIT_FIELDS_DOMAIN = 'signet:audit-fields:v1';
export const AUDIT_AGREEMENT_DOMAIN = 'signet:audit-agreement:v1';
export const AUDIT_GENESIS_DOMAIN = 'signet:audit:genesis';

export const AUDIT_GENESIS: HexString = keccak256Hex(utf8(AUDIT_GENESIS_DOMAIN));

/** The hashed fields of one event, exactly as they travel (times as ISO 8601 with milliseconds). */
export interface AuditFields {
  seq: number;
  at: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  agreementId: string | null;
  subjectId: string | null;
  purpose: string | null;
  detail: Record<string, unknown>;
}

/** The members of AuditFields, in the order FORMATS.md lists them. */
export const AUDIT_FIELD_NAMES = [
  'seq',
  'at',
  'action',
  'actorId',
  'actorRole',
  'agreementId',
  'subjectId',
  'purpose',
  'detail',
] as const;

/** One link of the chain as anyone in scope may see it: no fields, only their hash. */
export interface AuditLink {
  seq: number;
  prevHash: string;
  hash: string;
  agreementTag: string;
  fieldsHash: string;
}

export function auditAgreementTag(agreementId: string | null): string {
  if (agreementId === null) return ZERO_BYTES32;
  return keccak256Hex(utf8(AUDIT_AGREEMENT_DOMAIN), fromHex(agreementId, 32, 'agreementId'));
}

export function auditFieldsHash(fields: AuditFields): string {
  // Every member is present (null when empty), so "absent" and "null" cannot hash apart.
  const document = {
    seq: fields.seq,
    at: fields.at,
    action: fields.action,
    actorId: fields.actorId,
    actorRole: fields.actorRole,
    agreementId: fields.agreementId,
    subjectId: fields.subjectId,
    purpose: fields.purpose,
    detail: fields.detail,
  };
  return keccak256Hex(utf8(AUDIT_FIELDS_DOMAIN), utf8(canonicalJson(document)));
}

export function auditLinkHash(prevHash: string, agreementTag: string, fieldsHash: string): string {
  return keccak256Hex(
    utf8(AUDIT_HASH_DOMAIN),
    fromHex(prevHash, 32, 'prevHash'),
    fromHex(agreementTag, 32, 'agreementTag'),
    fromHex(fieldsHash, 32, 'fieldsHash'),
  );
}

/** The link an event makes after `prevHash`: what the sequencer stores and a verifier recomputes. */
export function auditLinkOf(fields: AuditFields, prevHash: string): AuditLink {
  const agreementTag = auditAgreementTag(fields.agreementId);
  const fieldsHash = auditFieldsHash(fields);
  return {
    seq: fields.seq,
    prevHash,
    hash: auditLinkHash(prevHash, agreementTag, fieldsHash),
    agreementTag,
    fieldsHash,
  };
}
