import type { EntityManager } from 'typeorm';
import type { AuditNote } from '@signet/domain';
import { AuditEventOrmEntity } from './orm/audit-event.orm-entity';

export interface AuditEntry {
  action: string;
  actorId: string | null;
  actorRole: string | null;
  agreementId?: string | null;
  subjectId?: string | null;
  purpose?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends to the access trail inside the caller's transaction. The row gets its place in
 * the hash chain from the sequencer, right after commit; it can never be left out.
 */
export async function appendAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  const event = manager.create(AuditEventOrmEntity, {
    action: entry.action,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    agreementId: entry.agreementId ?? null,
    subjectId: entry.subjectId ?? null,
    purpose: entry.purpose ?? null,
    detail: entry.detail ?? {},
  });
  await manager.save(event);
}

/** The trail's row for a domain note: the actor is recorded by credential and role. */
export function auditEntry(note: AuditNote): AuditEntry {
  return {
    action: note.action,
    actorId: note.actor?.credentialId ?? null,
    actorRole: note.actor?.role ?? null,
    agreementId: note.agreementId ?? null,
    subjectId: note.subjectId ?? null,
    purpose: note.purpose ?? null,
    detail: note.detail ?? {},
  };
}
