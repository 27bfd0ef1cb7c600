import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { AUDIT_LOGGER, AUDIT_SETTINGS, type AuditSettings } from './audit-settings';
import { AuditSequencer } from './audit-sequencer';

/** Runs the sequencer every `sequenceIntervalMs` (per role: `sequencingCadence`); the lock keeps it single. */
@Injectable()
export class AuditSequencerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(AuditSequencer) private readonly sequencer: AuditSequencer,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
    @Inject(AUDIT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** Before the pool closes, so the last round finishes (or rolls back) cleanly. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, this.settings.sequenceIntervalMs);
    // The sequencer alone must not keep a stopping process alive.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const round = await this.sequencer.round();
      if (round.checkpoint) this.logger.info(round.checkpoint, 'audit checkpoint queued');
    } catch (error) {
      this.logger.error({ error: (error as Error).message }, 'audit sequencing failed; retrying');
    }
  }
}
