import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Role } from '@signet/config';
import { AgreementsModule } from '../agreements/agreements.module';
import { AUDIT_LOGGER, AUDIT_SETTINGS, loadAuditSettings } from './audit-settings';
import { AuditSequencer } from './audit-sequencer';
import { AuditSequencerHost } from './audit-sequencer.host';
import { AuditTrailRepository } from './audit-trail.repository';
import { AuditTrailUseCase } from './audit-trail.usecase';
import { AuditResolver } from './audit.resolver';

/** The access trail: sequencing into the hash chain, checkpoints, and reading the trail. */
@Module({})
export class AuditModule {
  static register(role: Role, logger: Logger): DynamicModule {
    return {
      module: AuditModule,
      imports: [AgreementsModule],
      providers: [
        { provide: AUDIT_SETTINGS, useFactory: () => loadAuditSettings() },
        { provide: AUDIT_LOGGER, useValue: logger.child({ part: 'audit' }) },
        AuditSequencer,
        AuditTrailRepository,
        AuditTrailUseCase,
        AuditResolver,
        // The API process sequences (so a read sees its own access); a pure worker does not.
        ...(role === 'worker' ? [] : [AuditSequencerHost]),
      ],
      exports: [AuditSequencer],
    };
  }
}
