import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { TransactionRunner } from '@signet/persistence';
import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import type { RuntimeSettings } from '../bootstrap/runtime-settings';
import { RUNTIME_SETTINGS } from '../bootstrap/tokens';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { SignetMetrics } from '../observability/metrics';
import type { AnchorWorker } from './anchor-worker';
import { createAnchorWorker } from './anchor-worker.factory';

export const ANCHORING_OPTIONS = Symbol('ANCHORING_OPTIONS');

export interface AnchoringOptions {
  config: SignetConfig;
  logger: Logger;
}

/** Starts the anchor worker with the app and stops it (giving up the lock) before the pool closes. */
@Injectable()
export class AnchorWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: AnchorWorker | null = null;

  constructor(
    @Inject(ANCHORING_OPTIONS) private readonly options: AnchoringOptions,
    @Inject(RUNTIME_SETTINGS) private readonly runtime: RuntimeSettings,
    @Inject(TransactionRunner) private readonly database: TransactionRunner,
    @Inject(ChainGateway) private readonly chain: ChainGateway,
    @Inject(SignetMetrics) private readonly metrics: SignetMetrics,
  ) {}

  /** Whether this process holds the anchoring lock (the timestamp worker works only then). */
  get isLeader(): boolean {
    return this.worker?.isLeader ?? false;
  }

  onApplicationBootstrap(): void {
    const { config, logger } = this.options;
    this.worker = createAnchorWorker({
      database: this.database,
      databaseUrl: this.runtime.databaseUrl,
      provider: this.chain.provider,
      wallet: this.chain.signer,
      registryAddress: this.chain.registryAddress,
      chainId: this.chain.chainId,
      settings: config,
      metrics: this.metrics,
      logger: logger.child({ part: 'anchor-worker' }),
    });
    this.worker.start();
  }

  /** Before the pool and the provider close, so the last round can finish cleanly. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }
}
