import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { toBase64 } from '@signet/formats';
import { BackgroundLoop } from '../infrastructure/background-loop';
import type { BatchTimestampStore, TimestampAuthority } from '@signet/domain';

export interface TimestampLoopSettings {
  /** Pause between rounds while nothing fails. */
  tickMs: number;
  /** Roots asked for in one round. */
  batch: number;
}

export interface TimestampMetrics {
  failures: Counter;
  tokens: Counter;
}

/** Wait before the next attempt after `attempts` failures: 1 s, 2 s, 4 s … at most 5 min. */
export function timestampRetryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.min(attempts, 20), 300_000);
}

/**
 * Fetches RFC 3161 tokens for recorded batch roots, in a loop of its own: anchoring never
 * waits for the TSA. A failed request (down, slow, refusing, a bad token) is counted, the
 * root is tried again later, and the loop backs off for as long; nothing else changes.
 * Only the anchoring leader works, so replicas do not ask twice.
 */
export class TimestampWorker {
  private readonly loop = new BackgroundLoop(() => this.tick());

  constructor(
    private readonly store: BatchTimestampStore,
    private readonly authority: TimestampAuthority,
    private readonly metrics: TimestampMetrics,
    private readonly isLeader: () => boolean,
    private readonly settings: TimestampLoopSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One round; returns the pause before the next one (longer after a failure). Exposed for tests. */
  async round(): Promise<number> {
    if (!this.isLeader()) return this.settings.tickMs;
    for (const due of await this.store.due(this.settings.batch)) {
      try {
        const granted = await this.authority.stamp(due.batchRoot);
        await this.store.saveToken({
          batchRoot: due.batchRoot,
          token: toBase64(granted.token),
          certificates: granted.certificates.map(toBase64),
          genTime: granted.genTime,
        });
        this.metrics.tokens.inc();
      } catch (error) {
        const delay = timestampRetryDelayMs(due.attempts);
        const reason = error instanceof Error ? error.message : String(error);
        this.metrics.failures.inc();
        await this.store.saveFailure(due.batchRoot, reason, new Date(Date.now() + delay));
        this.logger.warn(
          { batchRoot: due.batchRoot, reason, retryInMs: delay },
          'TSA request failed; retrying later',
        );
        return delay;
      }
    }
    return this.settings.tickMs;
  }

  private async tick(): Promise<number> {
    try {
      return await this.round();
    } catch (error) {
      // The database is down or busy: the roots stay due, the next round takes them.
      this.logger.error({ error: String(error) }, 'timestamp round failed; retrying');
      return this.settings.tickMs;
    }
  }
}
