import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import { AgreementsModule } from '../agreements/agreements.module';
import { AUDIT_LOGGER, AUDIT_SETTINGS, sequencingCadence } from './audit-settings';
import { AuditSequencer } from './audit-sequencer';
import { AuditSequencerHost } from './audit-sequencer.host';
import { AuditTrailUseCase } from './audit-trail.usecase';
import { AuditResolver } from './audit.resolver';

/** The access trail: sequencing into the hash chain, checkpoints, and reading the trail. */
@Module({})
export class AuditModule {
  static register(config: Pick<SignetConfig, 'role' | 'audit'>, logger: Logger): DynamicModule {
    return {
      module: AuditModule,
      imports: [AgreementsModule],
      providers: [
        { provide: AUDIT_SETTINGS, useValue: sequencingCadence(config.audit, config.role) },
        { provide: AUDIT_LOGGER, useValue: logger.child({ part: 'audit' }) },
        AuditSequencer,
        AuditTrailUseCase,
        AuditResolver,
        // Every role sequences, each at its cadence (sequencingCadence); the lock keeps it single.
        AuditSequencerHost,
      ],
      exports: [AuditSequencer],
    };
  }
}
