import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import { BatchTimestampStore } from '@signet/domain';
import { AnchorWorkerHost } from '../anchoring/anchor-worker.host';
import { SignetMetrics } from '../observability/metrics';
import { Rfc3161Authority } from './rfc3161.authority';
import { TimestampWorker } from './timestamp.worker';

export const TIMESTAMP_OPTIONS = Symbol('TIMESTAMP_OPTIONS');

export interface TimestampOptions {
  config: SignetConfig;
  logger: Logger;
}

/** Runs the timestamp worker beside the anchor worker when TSA_URL is set; without it, nothing. */
@Injectable()
export class TimestampWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: TimestampWorker | null = null;

  constructor(
    @Inject(TIMESTAMP_OPTIONS) private readonly options: TimestampOptions,
    @Inject(BatchTimestampStore) private readonly store: BatchTimestampStore,
    @Inject(SignetMetrics) private readonly metrics: SignetMetrics,
    @Inject(AnchorWorkerHost) private readonly anchor: AnchorWorkerHost,
  ) {}

  onApplicationBootstrap(): void {
    const { config, logger } = this.options;
    if (config.tsaUrl === undefined) return;
    this.worker = new TimestampWorker(
      this.store,
      new Rfc3161Authority(config.tsaUrl, config.tsaTimeoutMs, config.tsaCertChain),
      { failures: this.metrics.timestampFailures, tokens: this.metrics.timestampTokens },
      () => this.anchor.isLeader,
      { tickMs: 1000, batch: 20 },
      logger.child({ part: 'timestamp-worker' }),
    );
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }
}
