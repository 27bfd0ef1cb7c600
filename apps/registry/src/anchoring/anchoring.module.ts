import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import { TIMESTAMP_OPTIONS, TimestampWorkerHost } from '../timestamps/timestamp-worker.host';
import { ANCHORING_OPTIONS, AnchorWorkerHost } from './anchor-worker.host';

/** The chain writer; AppModule imports it for the `all` and `worker` roles only. */
@Module({})
export class AnchoringModule {
  static register(config: SignetConfig, logger: Logger): DynamicModule {
    return {
      module: AnchoringModule,
      providers: [
        { provide: ANCHORING_OPTIONS, useValue: { config, logger } },
        { provide: TIMESTAMP_OPTIONS, useValue: { config, logger } },
        AnchorWorkerHost,
        TimestampWorkerHost,
      ],
    };
  }
}
