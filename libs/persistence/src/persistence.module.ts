import { Global, Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AgreementListRepository,
  AgreementStore,
  ChallengeRepository,
  CredentialRepository,
} from '@signet/domain';
import { PgAgreementListRepository } from './agreement-list.repository';
import { TypeormAgreementStore } from './agreement-store.adapter';
import { PgChallengeRepository } from './challenge.repository';
import { PgCredentialRepository } from './credential.repository';

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
  onDataSource(ChallengeRepository, (dataSource) => new PgChallengeRepository(dataSource)),
];

/**
 * Every repository port of libs/domain, on the database connection TypeOrmModule opens.
 * Global: a feature module injects a port by its class and never sees the database.
 */
@Global()
@Module({
  providers: PORTS,
  exports: PORTS.map((provider) => (provider as { provide: unknown }).provide as never),
})
export class PersistenceModule {}
