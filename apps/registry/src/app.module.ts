import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import { PersistenceModule } from '@signet/persistence';
import type { RuntimeSettings } from './bootstrap/runtime-settings';
import { ROOT_LOGGER, SIGNET_CONFIG } from './bootstrap/tokens';
import { AuthModule } from './auth/auth.module';
import { CredentialsModule } from './credentials/credentials.module';
import { graphqlOptions } from './graphql/graphql-options';
import { AutovacuumCheck } from './health/autovacuum.check';
import { HealthController } from './health/health.controller';
import { ExplorerController } from './explorer/explorer.controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ObservabilityModule } from './observability/observability.module';
import { AgreementsModule } from './agreements/agreements.module';
import { AnchoringModule } from './anchoring/anchoring.module';
import { AuditModule } from './audit/audit.module';
import { SealedModule } from './sealed/sealed.module';
import { StatusResolver } from './status/status.resolver';
import { VerificationModule } from './verification/verification.module';
import { VerifyPageController } from './verify-page/verify-page.controller';
import { WebhooksModule } from './webhooks/webhooks.module';
import { RetentionModule } from './retention/retention.module';
import { MonitoringModule } from './monitoring/monitoring.module';

export interface AppModuleOptions {
  config: SignetConfig;
  settings: RuntimeSettings;
  logger: Logger;
}

@Module({})
export class AppModule {
  static register({ config, settings, logger }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(settings.databaseUrl, config.databasePoolSize),
        GraphQLModule.forRoot<MercuriusDriverConfig>(graphqlOptions()),
        TerminusModule,
        InfrastructureModule.forRoot(settings, config),
        CredentialsModule,
        AuthModule.register({ dataDir: config.dataDir, auth: config.auth }),
        ObservabilityModule,
        MonitoringModule.register(logger, config.monitoring),
        AgreementsModule,
        AuditModule.register(config, logger),
        SealedModule,
        VerificationModule.register(config),
        WebhooksModule.register(config, logger),
        RetentionModule.register(config, logger),
        // The chain writer runs in the `all` and `worker` roles; `api` only serves requests.
        ...(config.role === 'api' ? [] : [AnchoringModule.register(config, logger)]),
      ],
      controllers: [HealthController, VerifyPageController, ExplorerController],
      providers: [
        { provide: SIGNET_CONFIG, useValue: config },
        { provide: ROOT_LOGGER, useValue: logger },
        StatusResolver,
        AutovacuumCheck,
      ],
    };
  }
}
