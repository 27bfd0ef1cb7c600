import type { EntityManager } from 'typeorm';
import type { OutboxWork } from '@signet/domain';
import { OutboxEntryOrmEntity } from './orm/outbox-entry.orm-entity';

/** Queues chain work inside the caller's transaction: it commits with the change it anchors, or not at all. */
export async function enqueueOutbox(manager: EntityManager, work: OutboxWork): Promise<void> {
  const entry = manager.create(OutboxEntryOrmEntity, {
    kind: work.kind,
    subjectId: work.subjectId,
    payload: work.payload,
  });
  await manager.save(entry);
}
