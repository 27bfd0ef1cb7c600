import type { WebhookEventType, WebhookScope } from '../webhooks/webhook-events';
import type { WebhookSecrets } from '../webhooks/webhook-signer';

export interface WebhookSubscriptionRecord {
  id: string;
  url: string;
  events: WebhookEventType[];
  createdBy: string;
  createdAt: Date;
  failingSince: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
}

export interface WebhookDeliveryRecord {
  id: string;
  type: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A delivery claimed for one attempt (leased: if the worker dies, it comes due again). */
export interface DueDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  body: string;
  attempts: number;
  failingSince: Date | null;
  secrets: WebhookSecrets;
}

export type AttemptResult =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; at: Date; status: number | null; error: string | null }
  | { kind: 'disable'; reason: string; status: number | null; error: string | null };

/**
 * Subscriptions, their events and deliveries. Every read and change takes the caller's
 * scope: an organisation's subscriptions are its own, a regulator's are its own.
 */
export abstract class WebhookStore {
  abstract add(
    scope: WebhookScope,
    createdBy: string,
    input: { url: string; events: WebhookEventType[]; secret: string },
  ): Promise<WebhookSubscriptionRecord>;
  abstract list(scope: WebhookScope): Promise<WebhookSubscriptionRecord[]>;
  /** False when no subscription of this scope has the id. */
  abstract remove(scope: WebhookScope, id: string): Promise<boolean>;
  abstract secrets(scope: WebhookScope, id: string): Promise<WebhookSecrets | null>;
  abstract saveSecrets(scope: WebhookScope, id: string, secrets: WebhookSecrets): Promise<void>;
  abstract deliveries(
    scope: WebhookScope,
    id: string,
    limit: number,
  ): Promise<WebhookDeliveryRecord[] | null>;
  /** Queues a `webhook.test` delivery to one subscription; null when not in scope. */
  abstract queueTest(
    scope: WebhookScope,
    id: string,
    body: (deliveryId: string) => string,
  ): Promise<string | null>;

  /** Worker: turns up to `limit` new events into deliveries for the subscriptions in scope. */
  abstract fanOut(limit: number): Promise<number>;
  /** Worker: claims due deliveries of enabled subscriptions for `leaseMs`. */
  abstract claimDue(limit: number, leaseMs: number): Promise<DueDelivery[]>;
  abstract recordAttempt(delivery: DueDelivery, result: AttemptResult): Promise<void>;
}
