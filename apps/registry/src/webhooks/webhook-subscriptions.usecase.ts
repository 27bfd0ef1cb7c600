import { lookup } from 'node:dns/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { SignetConfig } from '@signet/config';
import {
  DomainError,
  ErrorCode,
  WEBHOOK_EVENT_TYPES,
  WebhookStore,
  checkWebhookUrl,
  isWebhookEventType,
  newWebhookSecret,
  rotateSecret,
  type Caller,
  type HostResolver,
  type WebhookDeliveryRecord,
  type WebhookEventType,
  type WebhookScope,
  type WebhookSubscriptionRecord,
} from '@signet/domain';
import { SIGNET_CONFIG } from '../bootstrap/tokens';

const MAX_SUBSCRIPTIONS = 20;

/** Every address a name has, as the delivery will connect to one of them. */
export const resolveHost: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** An organisation's principals and agents share its subscriptions; a regulator has its own. */
export function webhookScopeOf(caller: Caller): WebhookScope {
  if ((caller.role === 'agent' || caller.role === 'principal') && caller.organizationId)
    return { kind: 'organization', organizationId: caller.organizationId };
  if (caller.role === 'regulator')
    return { kind: 'regulator', credentialId: caller.credentialId, jurisdictions: caller.jurisdictions };
  throw new DomainError(ErrorCode.Forbidden, 'webhooks belong to an organisation or a regulator');
}

/** addWebhook, webhooks, removeWebhook, testWebhook, rotateWebhookSecret, webhookDeliveries. */
@Injectable()
export class WebhookSubscriptionsUseCase {
  constructor(
    @Inject(WebhookStore) private readonly store: WebhookStore,
    @Inject(SIGNET_CONFIG) private readonly config: SignetConfig,
  ) {}

  async add(
    caller: Caller,
    url: string,
    events: string[],
  ): Promise<WebhookSubscriptionRecord & { secret: string }> {
    const scope = webhookScopeOf(caller);
    const wanted = this.events(events);
    const checked = await checkWebhookUrl(url, resolveHost, this.config.webhookAllowPrivate);
    if ((await this.store.list(scope)).length >= MAX_SUBSCRIPTIONS)
      throw new DomainError(ErrorCode.TooLarge, `at most ${MAX_SUBSCRIPTIONS} webhooks per owner`);
    const secret = newWebhookSecret();
    const added = await this.store.add(scope, caller.credentialId, {
      url: checked.href,
      events: wanted,
      secret,
    });
    return { ...added, secret };
  }

  list(caller: Caller): Promise<WebhookSubscriptionRecord[]> {
    return this.store.list(webhookScopeOf(caller));
  }

  async remove(caller: Caller, id: string): Promise<boolean> {
    if (!(await this.store.remove(webhookScopeOf(caller), id))) throw notFound(id);
    return true;
  }

  async deliveries(caller: Caller, id: string, first: number): Promise<WebhookDeliveryRecord[]> {
    const rows = await this.store.deliveries(webhookScopeOf(caller), id, Math.min(Math.max(first, 1), 100));
    if (rows === null) throw notFound(id);
    return rows;
  }

  async test(caller: Caller, id: string): Promise<string> {
    const body = (deliveryId: string) =>
      JSON.stringify({ type: 'webhook.test', timestamp: new Date().toISOString(), data: { deliveryId } });
    const queued = await this.store.queueTest(webhookScopeOf(caller), id, body);
    if (queued === null) throw notFound(id);
    return queued;
  }

  /** A new secret; the old one keeps signing beside it for a day, so the switch has no gap. */
  async rotate(caller: Caller, id: string): Promise<string> {
    const scope = webhookScopeOf(caller);
    const current = await this.store.secrets(scope, id);
    if (current === null) throw notFound(id);
    const next = rotateSecret(current, new Date());
    await this.store.saveSecrets(scope, id, next);
    return next.current;
  }

  private events(events: string[]): WebhookEventType[] {
    const unknown = events.filter((event) => !isWebhookEventType(event));
    if (events.length === 0 || unknown.length > 0)
      throw new DomainError(
        ErrorCode.BadInput,
        `events must be some of ${WEBHOOK_EVENT_TYPES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
        { field: 'events' },
      );
    return [...new Set(events)] as WebhookEventType[];
  }
}

function notFound(id: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `no webhook ${id} of yours`);
}
