import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AgreementListRepository,
  AgreementStore,
  AuditSequencing,
  AuditTrailRepository,
  BatchTimestampStore,
  BehaviourStore,
  ChallengeRepository,
  CredentialRepository,
  DatabaseHealth,
  EvidenceReader,
  PolicyPackStore,
  RetentionStore,
  VerificationIndex,
  WebhookStore,
} from '@signet/domain';
import { TypeormBatchTimestampStore } from './batch-timestamps.adapter';
import { TypeormEvidenceReader } from './evidence-reader.adapter';
import { TypeormPolicyPackStore } from './policy-pack-store.adapter';
import { TypeormWebhookStore } from './webhook-store.adapter';
import { TypeormBehaviourStore } from './behaviour-store.adapter';
import { PgRateWindowStore } from './rate-limits/pg-rate-window.store';
import { PgAgreementListRepository } from './agreement-list.repository';
import { TypeormAgreementStore } from './agreement-store.adapter';
import { PgAuditSequencing } from './audit-sequencing.adapter';
import { PgAuditTrailRepository } from './audit-trail.repository';
import { PgDatabaseHealth } from './database-health.adapter';
import { PgVerificationIndex } from './verification-index.adapter';
import { TransactionRunner } from './sql';
import { typeormOptions } from './typeorm-options';
import { PgChallengeRepository } from './challenge.repository';
import { PgCredentialRepository } from './credential.repository';
import { PgRetentionStore } from './retention-store.adapter';

function onDataSource<T>(
  port: abstract new (...args: never[]) => T,
  make: (dataSource: DataSource) => T,
): Provider {
  return { provide: port, useFactory: make, inject: [DataSource] };
}

const PORTS: Provider[] = [
  onDataSource(AgreementStore, (dataSource) => new TypeormAgreementStore(dataSource)),
  onDataSource(CredentialRepository, (dataSource) => new PgCredentialRepository(dataSource)),
  onDataSource(AgreementListRepository, (dataSource) => new PgAgreementListRepository(dataSource)),
  onDataSource(AuditTrailRepository, (dataSource) => new PgAuditTrailRepository(dataSource)),
  onDataSource(AuditSequencing, (dataSource) => new PgAuditSequencing(dataSource)),
  onDataSource(DatabaseHealth, (dataSource) => new PgDatabaseHealth(dataSource)),
  onDataSource(VerificationIndex, (dataSource) => new PgVerificationIndex(dataSource)),
  onDataSource(TransactionRunner, (dataSource) => new TransactionRunner(dataSource)),
  onDataSource(ChallengeRepository, (dataSource) => new PgChallengeRepository(dataSource)),
  onDataSource(EvidenceReader, (dataSource) => new TypeormEvidenceReader(dataSource)),
  onDataSource(PolicyPackStore, (dataSource) => new TypeormPolicyPackStore(dataSource)),
  onDataSource(WebhookStore, (dataSource) => new TypeormWebhookStore(dataSource)),
  onDataSource(BatchTimestampStore, (dataSource) => new TypeormBatchTimestampStore(dataSource)),
  onDataSource(RetentionStore, (dataSource) => new PgRetentionStore(dataSource)),
  onDataSource(BehaviourStore, (dataSource) => new TypeormBehaviourStore(dataSource)),
  // The shared rate-limit store; the auth module picks it (or Redis, or the process) by configuration.
  onDataSource(PgRateWindowStore, (dataSource) => new PgRateWindowStore(dataSource)),
];

/**
 * Every repository port of libs/domain, on one database connection (migrated on start).
 * Global: a feature module injects a port by its class and never sees the database.
 */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(databaseUrl: string, poolSize: number): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRoot({
          ...typeormOptions(databaseUrl, { extra: { max: poolSize } }),
          migrationsRun: true,
        }),
      ],
      providers: PORTS,
      exports: PORTS.map((provider) => (provider as { provide: unknown }).provide as never),
    };
  }
}
