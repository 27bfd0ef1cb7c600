import {
  afterAttempt,
  checkWebhookUrl,
  signDelivery,
  type DueDelivery,
  type WebhookStore,
} from '@signet/domain';
import type { Logger } from 'pino';
import { resolveHost } from './webhook-subscriptions.usecase';

const TICK_MS = 500;
const REQUEST_TIMEOUT_MS = 10_000;
/** Longer than one attempt can take: a delivery claimed by a worker that died comes due again. */
const LEASE_MS = 15_000;

export interface DeliveryWorkerOptions {
  store: WebhookStore;
  allowPrivate: boolean;
  logger: Logger;
}

/**
 * The worker role's webhook loop: turn new events into deliveries, then attempt the due
 * ones. A delivery is marked delivered only after the endpoint answered 2xx, so a crash
 * between sending and recording sends it again with the same webhook-id: at least once.
 */
export class WebhookDeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: DeliveryWorkerOptions) {}

  start(): void {
    const loop = (): void => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error: unknown) => this.options.logger.warn({ error }, 'webhook round failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(loop, TICK_MS);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async tick(): Promise<void> {
    while ((await this.options.store.fanOut(100)) > 0);
    const due = await this.options.store.claimDue(20, LEASE_MS);
    await Promise.all(due.map((delivery) => this.attempt(delivery)));
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const now = new Date();
    let status: number | null = null;
    let error: string | null = null;
    try {
      // Again at delivery: the name may point elsewhere now than when it was subscribed.
      await checkWebhookUrl(delivery.url, resolveHost, this.options.allowPrivate);
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Signet-Webhooks/1',
          ...signDelivery({ id: delivery.id, body: delivery.body, at: now, secrets: delivery.secrets }),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const outcome = afterAttempt({
      attempt: delivery.attempts,
      status,
      failingSince: delivery.failingSince,
      now: new Date(),
      jitter: Math.random(),
    });
    if (outcome.kind === 'disable')
      this.options.logger.warn(
        { subscription: delivery.subscriptionId, reason: outcome.reason },
        'webhook disabled',
      );
    await this.options.store.recordAttempt(
      delivery,
      outcome.kind === 'delivered'
        ? { kind: 'delivered', status: status ?? 200 }
        : { ...outcome, status, error },
    );
  }
}
