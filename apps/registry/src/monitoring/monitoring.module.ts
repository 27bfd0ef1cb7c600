import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { MonitoringConfig } from '@signet/config';
import { ROOT_LOGGER } from '../bootstrap/tokens';
import { PolicyModule } from '../policy/policy.module';
import { BehaviourMonitor } from './behaviour-monitor';
import { FindingsResolver } from './findings.resolver';
import { FindingsUseCase } from './findings.usecase';
import { MonitoringRulesSource } from './monitoring-rules.source';
import { monitoringSettingsOf, MONITORING_SETTINGS } from './monitoring-settings';

@Global()
@Module({})
export class MonitoringModule {
  /**
   * Behaviour monitoring (docs/MONITORING.md): the monitor that deposits, reads and logins
   * report to (global, so those modules need not import this one), findings and reinstatement.
   */
  static register(logger: Logger, config: MonitoringConfig): DynamicModule {
    return {
      module: MonitoringModule,
      imports: [PolicyModule],
      providers: [
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: MONITORING_SETTINGS, useValue: monitoringSettingsOf(config) },
        MonitoringRulesSource,
        BehaviourMonitor,
        FindingsUseCase,
        FindingsResolver,
      ],
      exports: [BehaviourMonitor],
    };
  }
}
