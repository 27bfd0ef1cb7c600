import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import { WebhookStore } from '@signet/domain';
import { ROOT_LOGGER, SIGNET_CONFIG } from '../bootstrap/tokens';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookSubscriptionsUseCase } from './webhook-subscriptions.usecase';
import { WebhooksResolver } from './webhooks.resolver';

/** Runs the delivery loop with the app (worker and all roles) and stops it before the pool closes. */
@Injectable()
class WebhookDeliveryHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: WebhookDeliveryWorker | null = null;

  constructor(
    @Inject(WebhookStore) private readonly store: WebhookStore,
    @Inject(SIGNET_CONFIG) private readonly config: SignetConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new WebhookDeliveryWorker({
      store: this.store,
      allowPrivate: this.config.webhookAllowPrivate,
      logger: this.logger.child({ part: 'webhooks' }),
    });
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }
}

@Module({})
export class WebhooksModule {
  static register(config: SignetConfig, logger: Logger): DynamicModule {
    return {
      module: WebhooksModule,
      providers: [
        { provide: SIGNET_CONFIG, useValue: config },
        { provide: ROOT_LOGGER, useValue: logger },
        WebhookSubscriptionsUseCase,
        WebhooksResolver,
        ...(config.role === 'api' ? [] : [WebhookDeliveryHost]),
      ],
    };
  }
}
