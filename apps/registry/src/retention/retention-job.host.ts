import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import { ROOT_LOGGER, SIGNET_CONFIG } from '../bootstrap/tokens';
import { RetentionJob } from './retention-job';

/** A first run shortly after start (a daily restart must not starve it), then one per interval. */
const FIRST_RUN_MS = 30_000;

/** Runs the retention job in the worker role: daily by default (RETENTION_INTERVAL_MS). */
@Injectable()
export class RetentionJobHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @Inject(RetentionJob) private readonly job: RetentionJob,
    @Inject(SIGNET_CONFIG) private readonly config: SignetConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(Math.min(FIRST_RUN_MS, this.config.retentionIntervalMs));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const log = this.logger.child({ part: 'retention' });
      this.running = this.job
        .run()
        .then((report) =>
          log.info(
            {
              shredded: report.shredded.length,
              keysDestroyed: report.keysDestroyed,
              failures: report.failures,
            },
            'retention run',
          ),
        )
        .catch((error: unknown) => log.warn({ error }, 'retention run failed'))
        .finally(() => {
          this.running = null;
          this.schedule(this.config.retentionIntervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
