import { Module, type DynamicModule } from '@nestjs/common';
import type { SignetConfig } from '@signet/config';
import type { Logger } from 'pino';
import { AgreementsModule } from '../agreements/agreements.module';
import { ROOT_LOGGER, SIGNET_CONFIG } from '../bootstrap/tokens';
import { LegalHoldUseCase } from './legal-hold.usecase';
import { RequestDestructionUseCase } from './request-destruction.usecase';
import { RetentionJob } from './retention-job';
import { RetentionJobHost } from './retention-job.host';
import { RetentionResolver } from './retention.resolver';
import { RetentionScheduler } from './retention-scheduler';

/** Retention schedules, legal holds, early destruction and the job that crypto-shreds. */
@Module({})
export class RetentionModule {
  static register(config: SignetConfig, logger: Logger): DynamicModule {
    return {
      module: RetentionModule,
      imports: [AgreementsModule],
      providers: [
        { provide: SIGNET_CONFIG, useValue: config },
        { provide: ROOT_LOGGER, useValue: logger },
        RetentionScheduler,
        RetentionJob,
        LegalHoldUseCase,
        RequestDestructionUseCase,
        RetentionResolver,
        ...(config.role === 'api' ? [] : [RetentionJobHost]),
      ],
    };
  }
}
