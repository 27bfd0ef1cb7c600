/**
 * The access trail's hash chain (docs/AUDIT.md). The byte rules live in @signet/formats
 * (FORMATS.md, Access trail), since a court checks an evidence bundle's audit checkpoint
 * with them offline; the domain uses the same functions.
 */
export {
  AUDIT_AGREEMENT_DOMAIN,
  AUDIT_FIELDS_DOMAIN,
  AUDIT_GENESIS,
  AUDIT_GENESIS_DOMAIN,
  AUDIT_HASH_DOMAIN,
  auditAgreementTag,
  auditFieldsHash,
  auditLinkHash,
  auditLinkOf,
  type AuditFields,
  type AuditLink,
} from '@signet/formats';
