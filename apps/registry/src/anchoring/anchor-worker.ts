import type { Logger } from 'pino';
import type { SignetMetrics } from '../observability/metrics';
import { BackgroundLoop } from '../infrastructure/background-loop';
import { errorText } from '@signet/chain';
import type { LeaderLock } from '@signet/persistence';
import type { FinalityWatch } from './finality-watch';
import type { OutboxDrainer } from './outbox-drainer';
import type { TxReconciler } from './tx-reconciler';

export interface AnchorLoopSettings {
  /** Pause between rounds while leading. */
  tickMs: number;
  /** Pause between attempts to become leader. */
  leaderRetryMs: number;
  /** At most this often, the newest FINAL blocks are checked for a reorg deeper than CONFIRMATIONS. */
  finalityWatchMs: number;
}

/**
 * The chain writer's loop. Only the leader (holder of the advisory lock) works; every
 * round first reconciles what is already on its way (so a restart resumes exactly where
 * the database says), then drains the outbox.
 */
export class AnchorWorker {
  private readonly loop = new BackgroundLoop(() => this.tick());
  private lastWatchAt = 0;

  constructor(
    private readonly lock: LeaderLock,
    private readonly reconciler: TxReconciler,
    private readonly drainer: OutboxDrainer,
    private readonly finality: FinalityWatch,
    private readonly metrics: SignetMetrics,
    private readonly settings: AnchorLoopSettings,
    private readonly logger: Logger,
  ) {}

  get isLeader(): boolean {
    return this.lock.held;
  }

  start(): void {
    this.loop.start();
  }

  /** Finishes the current round, then gives up leadership (another worker takes over at once). */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.lock.release();
  }

  /** One leader round; exposed so tests can step the worker deterministically. */
  async round(): Promise<boolean> {
    if (!this.lock.held) {
      if (!(await this.lock.tryAcquire())) return false;
      this.logger.info('anchor worker is the leader: it alone signs with the anchoring key');
    }
    if (!(await this.lock.confirm())) return false;
    if (Date.now() - this.lastWatchAt >= this.settings.finalityWatchMs) {
      await this.finality.check();
      this.lastWatchAt = Date.now();
    }
    const reconciled = await this.reconciler.round();
    for (const lag of reconciled.anchoredLagsSeconds) this.metrics.anchorLag.observe(lag);
    this.metrics.anchoredAgreements.inc(reconciled.anchoredLagsSeconds.length);
    const drained = await this.drainer.round(reconciled.mined > 0, reconciled.open);
    this.metrics.outboxDepth.set(drained.depth);
    return true;
  }

  /** One round of the loop; returns the pause before the next. */
  private async tick(): Promise<number> {
    try {
      return (await this.round()) ? this.settings.tickMs : this.settings.leaderRetryMs;
    } catch (error) {
      // A failed round leaves everything in the database to be re-checked next round.
      this.logger.error({ error: errorText(error) }, 'anchor round failed; retrying');
      return this.settings.leaderRetryMs;
    }
  }
}
