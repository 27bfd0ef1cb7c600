import type { EntityManager } from 'typeorm';
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
