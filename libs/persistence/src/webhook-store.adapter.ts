import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  WebhookStore,
  eventForStatus,
  isWebhookEventType,
  scopeReceives,
  type AttemptResult,
  type DueDelivery,
  type WebhookAudience,
  type WebhookDeliveryRecord,
  type WebhookEventType,
  type WebhookScope,
  type WebhookSecrets,
  type WebhookSubscriptionRecord,
} from '@signet/domain';
import { WebhookDeliveryOrmEntity, WebhookSubscriptionOrmEntity } from './orm/webhook.orm-entities';

const AUDIT_EVENTS: Record<string, WebhookEventType> = {
  'sealed.open': 'sealed.opened',
  'credential.revoke': 'credential.revoked',
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

/** `msg_` + 32 hex digits: the webhook-id a subscriber deduplicates on. */
export const newDeliveryId = (): string => `msg_${randomUUID().replace(/-/g, '')}`;

function scopeWhere(scope: WebhookScope): { where: Record<string, string> } {
  return scope.kind === 'organization'
    ? { where: { scopeKind: 'organization', organizationId: scope.organizationId } }
    : { where: { scopeKind: 'regulator', createdBy: scope.credentialId } };
}

function toSubscription(row: WebhookSubscriptionOrmEntity): WebhookSubscriptionRecord {
  return {
    id: row.id,
    url: row.url,
    events: row.events.filter(isWebhookEventType),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    failingSince: row.failingSince,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
  };
}

export class TypeormWebhookStore extends WebhookStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private get subscriptions() {
    return this.dataSource.getRepository(WebhookSubscriptionOrmEntity);
  }

  private async own(scope: WebhookScope, id: string): Promise<WebhookSubscriptionOrmEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return this.subscriptions.findOne({ where: { ...scopeWhere(scope).where, id } });
  }

  async add(
    scope: WebhookScope,
    createdBy: string,
    input: { url: string; events: WebhookEventType[]; secret: string },
  ): Promise<WebhookSubscriptionRecord> {
    const row = await this.subscriptions.save(
      this.subscriptions.create({
        scopeKind: scope.kind,
        organizationId: scope.kind === 'organization' ? scope.organizationId : null,
        jurisdictions: scope.kind === 'regulator' ? scope.jurisdictions : [],
        createdBy,
        url: input.url,
        events: input.events,
        secret: input.secret,
      }),
    );
    return toSubscription(row);
  }

  async list(scope: WebhookScope): Promise<WebhookSubscriptionRecord[]> {
    const rows = await this.subscriptions.find({ ...scopeWhere(scope), order: { createdAt: 'ASC' } });
    return rows.map(toSubscription);
  }

  async remove(scope: WebhookScope, id: string): Promise<boolean> {
    const row = await this.own(scope, id);
    if (!row) return false;
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(WebhookDeliveryOrmEntity, { subscriptionId: id });
      await manager.delete(WebhookSubscriptionOrmEntity, { id });
    });
    return true;
  }

  async secrets(scope: WebhookScope, id: string): Promise<WebhookSecrets | null> {
    const row = await this.own(scope, id);
    return row ? secretsOf(row) : null;
  }

  async saveSecrets(scope: WebhookScope, id: string, secrets: WebhookSecrets): Promise<void> {
    if (!(await this.own(scope, id))) return;
    await this.subscriptions.update(
      { id },
      {
        secret: secrets.current,
        previousSecret: secrets.previous?.secret ?? null,
        previousSecretUntil: secrets.previous?.until ?? null,
      },
    );
  }

  async deliveries(scope: WebhookScope, id: string, limit: number): Promise<WebhookDeliveryRecord[] | null> {
    if (!(await this.own(scope, id))) return null;
    const rows = await this.dataSource
      .getRepository(WebhookDeliveryOrmEntity)
      .find({ where: { subscriptionId: id }, order: { createdAt: 'DESC' }, take: limit });
    // The log omits the body (and so nothing of the event beyond its type).
    return rows.map(({ body: _body, subscriptionId: _subscription, eventId: _event, ...record }) => record);
  }

  async queueTest(
    scope: WebhookScope,
    id: string,
    body: (deliveryId: string) => string,
  ): Promise<string | null> {
    if (!(await this.own(scope, id))) return null;
    const deliveryId = newDeliveryId();
    // A test has no event row; a negative event id keeps the (subscription, event) key unique.
    await this.dataSource.getRepository(WebhookDeliveryOrmEntity).insert({
      id: deliveryId,
      subscriptionId: id,
      eventId: String(-Date.now()),
      type: 'webhook.test',
      body: body(deliveryId),
      status: 'PENDING',
    });
    return deliveryId;
  }

  async fanOut(limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
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
      for (const event of events) await this.fanOutOne(manager, event, subscriptions);
      await manager.query('update webhook_events set fanned_out = true where id = any($1::bigint[])', [
        events.map((e) => e.id),
      ]);
      return events.length;
    });
  }

  private async fanOutOne(
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

  async claimDue(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        subscription_id: string;
        url: string;
        body: string;
        attempts: number;
        failing_since: Date | null;
        secret: string;
        previous_secret: string | null;
        previous_secret_until: Date | null;
      }>
    >(
      `with due as (
         select d.id from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id
         where d.status = 'PENDING' and d.next_attempt_at <= now() and s.disabled_at is null
         order by d.next_attempt_at limit $1 for update of d skip locked),
       claimed as (
         update webhook_deliveries d set attempts = d.attempts + 1,
           next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
         from due where d.id = due.id returning d.*)
       select c.id, c.subscription_id, s.url, c.body, c.attempts, s.failing_since, s.secret,
              s.previous_secret, s.previous_secret_until
       from claimed c join webhook_subscriptions s on s.id = c.subscription_id`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      subscriptionId: row.subscription_id,
      url: row.url,
      body: row.body,
      attempts: row.attempts,
      failingSince: row.failing_since,
      secrets: {
        current: row.secret,
        previous:
          row.previous_secret && row.previous_secret_until
            ? { secret: row.previous_secret, until: row.previous_secret_until }
            : null,
      },
    }));
  }

  async recordAttempt(delivery: DueDelivery, result: AttemptResult): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (result.kind === 'delivered') {
        await manager.query(
          `update webhook_deliveries set status = 'DELIVERED', delivered_at = now(), last_status = $2,
             last_error = null where id = $1`,
          [delivery.id, result.status],
        );
        await manager.query('update webhook_subscriptions set failing_since = null where id = $1', [
          delivery.subscriptionId,
        ]);
        return;
      }
      const failed = result.kind === 'disable';
      await manager.query(
        `update webhook_deliveries set status = $2, next_attempt_at = $3, last_status = $4, last_error = $5
         where id = $1`,
        [
          delivery.id,
          failed ? 'FAILED' : 'PENDING',
          failed ? new Date() : result.at,
          result.status,
          result.error,
        ],
      );
      await manager.query(
        `update webhook_subscriptions set failing_since = coalesce(failing_since, now()),
           disabled_at = case when $2 then now() else disabled_at end,
           disabled_reason = case when $2 then $3 else disabled_reason end
         where id = $1`,
        [delivery.subscriptionId, failed, failed ? result.reason : null],
      );
    });
  }
}

function secretsOf(row: WebhookSubscriptionOrmEntity): WebhookSecrets {
  return {
    current: row.secret,
    previous:
      row.previousSecret && row.previousSecretUntil
        ? { secret: row.previousSecret, until: row.previousSecretUntil }
        : null,
  };
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
  const rows = await manager.query<Array<{ organization_ids: string[]; jurisdictions: string[] }>>(
    'select organization_ids, jurisdictions from agreements where id = $1',
    [event.agreement_id],
  );
  return { organizationIds: rows[0]?.organization_ids ?? [], jurisdictions: rows[0]?.jurisdictions ?? [] };
}
