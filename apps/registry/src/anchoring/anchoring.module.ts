import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { EthersChainWriter } from '@signet/chain';
import { BatchTimestampStore, ChainWriter } from '@signet/domain';
import { TransactionRunner } from '@signet/persistence';
import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import type { RuntimeSettings } from '../bootstrap/runtime-settings';
import { RUNTIME_SETTINGS } from '../bootstrap/tokens';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { SignetMetrics } from '../observability/metrics';
import type { AnchorWorker } from './anchor-worker';
import type { TimestampWorker } from '../timestamps/timestamp.worker';
import { createTimestampWorker } from '../timestamps/timestamp-worker.factory';
import { createAnchorWorker } from './anchor-worker.factory';

const ANCHORING_OPTIONS = Symbol('ANCHORING_OPTIONS');

interface AnchoringOptions {
  config: SignetConfig;
  logger: Logger;
}

/**
 * Starts the anchor worker with the app (and, with TSA_URL, the timestamp worker) and
 * stops them (giving up the lock) before the pool closes.
 */
@Injectable()
export class AnchorWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: AnchorWorker | null = null;
  private timestamps: TimestampWorker | null = null;

  constructor(
    @Inject(ANCHORING_OPTIONS) private readonly options: AnchoringOptions,
    @Inject(RUNTIME_SETTINGS) private readonly runtime: RuntimeSettings,
    @Inject(TransactionRunner) private readonly database: TransactionRunner,
    @Inject(ChainWriter) private readonly chain: ChainWriter,
    @Inject(SignetMetrics) private readonly metrics: SignetMetrics,
    @Inject(BatchTimestampStore) private readonly timestampStore: BatchTimestampStore,
  ) {}

  onApplicationBootstrap(): void {
    const { config, logger } = this.options;
    this.worker = createAnchorWorker({
      database: this.database,
      databaseUrl: this.runtime.databaseUrl,
      chain: this.chain,
      settings: config,
      metrics: this.metrics,
      logger: logger.child({ part: 'anchor-worker' }),
    });
    this.worker.start();
    // Beside the anchor worker, in a loop of its own, and only while this process leads.
    const worker = this.worker;
    this.timestamps = createTimestampWorker({
      settings: config,
      store: this.timestampStore,
      metrics: this.metrics,
      isLeader: () => worker.isLeader,
      logger,
    });
    this.timestamps?.start();
  }

  /** Before the pool and the provider close, so the last round can finish cleanly. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.timestamps?.stop();
    await this.worker?.stop();
  }
}

/**
 * The chain writer; AppModule imports it for the `all` and `worker` roles only. The anchoring
 * key lives in its ChainWriter, over the service's provider, and is provided to no other module.
 */
@Module({})
export class AnchoringModule {
  static register(config: SignetConfig, logger: Logger): DynamicModule {
    return {
      module: AnchoringModule,
      providers: [
        { provide: ANCHORING_OPTIONS, useValue: { config, logger } },
        {
          provide: ChainWriter,
          useFactory: (runtime: RuntimeSettings, gateway: ChainGateway) =>
            new EthersChainWriter(
              gateway.provider,
              runtime.chain.anchorPrivateKey,
              gateway.registryAddress,
              gateway.chainId,
            ),
          inject: [RUNTIME_SETTINGS, ChainGateway],
        },
        AnchorWorkerHost,
      ],
    };
  }
}
