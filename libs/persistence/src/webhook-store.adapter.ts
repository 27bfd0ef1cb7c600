import type { DataSource } from 'typeorm';
import {
  WebhookStore,
  isWebhookEventType,
  type AttemptResult,
  type DueDelivery,
  type WebhookDeliveryRecord,
  type WebhookEventType,
  type WebhookScope,
  type WebhookSecrets,
  type WebhookSubscriptionRecord,
} from '@signet/domain';
import { WebhookDeliveryOrmEntity, WebhookSubscriptionOrmEntity } from './orm/webhook.orm-entities';
import { newDeliveryId } from './webhook-delivery-id';
import { fanOutEvents } from './webhook-fan-out';

export { newDeliveryId } from './webhook-delivery-id';

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

  fanOut(limit: number): Promise<number> {
    return fanOutEvents(this.dataSource, limit);
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
      secrets: secretsFrom(row.secret, row.previous_secret, row.previous_secret_until),
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
  return secretsFrom(row.secret, row.previousSecret, row.previousSecretUntil);
}

/** The signing secrets; the previous one only while it is still honoured after a rotation. */
function secretsFrom(current: string, previous: string | null, until: Date | null): WebhookSecrets {
  return { current, previous: previous && until ? { secret: previous, until } : null };
}
