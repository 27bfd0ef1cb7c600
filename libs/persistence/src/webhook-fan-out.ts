import type { DataSource, EntityManager } from 'typeorm';
import {
  eventForStatus,
  scopeReceives,
  type WebhookAudience,
  type WebhookEventType,
  type WebhookScope,
} from '@signet/domain';
import { newDeliveryId } from './webhook-delivery-id';

/*
 * The fan-out of the webhook outbox: each new status or audit event becomes one delivery per
 * subscription whose scope receives it, in the transaction that marks the event fanned out.
 */

const AUDIT_EVENTS: Record<string, WebhookEventType> = {
  'sealed.open': 'sealed.opened',
  'credential.revoke': 'credential.revoked',
  'behaviour.finding': 'finding.raised',
};

interface EventRow {
  id: string;
  source: string;
  kind: string;
  agreement_id: string | null;
  subject_id: string | null;
  data: Record<string, unknown>;
}

interface SubscriptionRow {
  id: string;
  scope_kind: 'organization' | 'regulator';
  organization_id: string | null;
  created_by: string;
  jurisdictions: string[];
  events: string[];
}

/** Fans out up to `limit` events not yet fanned out; returns how many it took. */
export function fanOutEvents(dataSource: DataSource, limit: number): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const events = await manager.query<EventRow[]>(
      `select id, source, kind, agreement_id, subject_id, data from webhook_events
       where fanned_out = false order by id limit $1 for update skip locked`,
      [limit],
    );
    if (events.length === 0) return 0;
    const subscriptions = await manager.query<SubscriptionRow[]>(
      `select id, scope_kind, organization_id, created_by, jurisdictions, events
       from webhook_subscriptions where disabled_at is null`,
    );
    for (const event of events) await fanOutOne(manager, event, subscriptions);
    await manager.query('update webhook_events set fanned_out = true where id = any($1::bigint[])', [
      events.map((e) => e.id),
    ]);
    return events.length;
  });
}

async function fanOutOne(
  manager: EntityManager,
  event: EventRow,
  subscriptions: SubscriptionRow[],
): Promise<void> {
  const type = event.source === 'status' ? eventForStatus(event.kind) : (AUDIT_EVENTS[event.kind] ?? null);
  if (type === null) return;
  const audience = await audienceOf(manager, type, event);
  const data =
    type === 'credential.revoked'
      ? { credentialId: event.subject_id, revokedBy: event.data.actorId, at: event.data.at }
      : type === 'sealed.opened'
        ? {
            agreementId: event.agreement_id,
            reader: event.data.actorId,
            readerRole: event.data.actorRole,
            purpose: event.data.purpose,
            at: event.data.at,
          }
        : type === 'finding.raised'
          ? { ...event.data }
          : { agreementId: event.agreement_id, ...event.data };
  const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  for (const sub of subscriptions) {
    if (!sub.events.includes(type)) continue;
    const scope: WebhookScope =
      sub.scope_kind === 'organization'
        ? { kind: 'organization', organizationId: sub.organization_id ?? '' }
        : { kind: 'regulator', credentialId: sub.created_by, jurisdictions: sub.jurisdictions };
    if (!scopeReceives(scope, type, audience)) continue;
    await manager.query(
      `insert into webhook_deliveries (id, subscription_id, event_id, type, body, status)
       values ($1, $2, $3, $4, $5, 'PENDING') on conflict do nothing`,
      [newDeliveryId(), sub.id, event.id, type, body],
    );
  }
}

async function audienceOf(
  manager: EntityManager,
  type: WebhookEventType,
  event: EventRow,
): Promise<WebhookAudience> {
  if (type === 'credential.revoked') {
    const rows = await manager.query<Array<{ organization_id: string | null }>>(
      'select organization_id from credentials where id = $1',
      [event.subject_id],
    );
    const org = rows[0]?.organization_id;
    return { organizationIds: org ? [org] : [], jurisdictions: [] };
  }
  if (type === 'finding.raised') {
    const found = await manager.query<Array<{ organization_id: string | null; jurisdictions: string[] }>>(
      'select organization_id, jurisdictions from behaviour_findings where id = $1',
      [String(event.data.findingId)],
    );
    const org = found[0]?.organization_id;
    return { organizationIds: org ? [org] : [], jurisdictions: found[0]?.jurisdictions ?? [] };
  }
  const rows = await manager.query<Array<{ organization_ids: string[]; jurisdictions: string[] }>>(
    'select organization_ids, jurisdictions from agreements where id = $1',
    [event.agreement_id],
  );
  return { organizationIds: rows[0]?.organization_ids ?? [], jurisdictions: rows[0]?.jurisdictions ?? [] };
}
