import { canonicalJson } from '@signet/formats';
import type { AuditEventObject, AuditLinkObject } from './dto/audit.object';
import type { ServedLink, StoredAuditEvent } from '@signet/domain';

/** Storage shape → API shape; `at` and `detail` as the exact strings that were hashed. */
export function presentEvent(event: StoredAuditEvent): AuditEventObject {
  const { fields } = event;
  return {
    seq: fields.seq ?? undefined,
    at: fields.at,
    action: fields.action,
    actorId: fields.actorId ?? undefined,
    actorRole: fields.actorRole ?? undefined,
    agreementId: fields.agreementId ?? undefined,
    subjectId: fields.subjectId ?? undefined,
    purpose: fields.purpose ?? undefined,
    detail: canonicalJson(fields.detail),
    prevHash: event.prevHash ?? undefined,
    hash: event.hash ?? undefined,
  };
}

export function presentLink(link: ServedLink): AuditLinkObject {
  return {
    seq: link.seq,
    prevHash: link.prevHash,
    hash: link.hash,
    agreementTag: link.agreementTag,
    fieldsHash: link.fieldsHash,
    event: link.event ? presentEvent(link.event) : undefined,
  };
}
