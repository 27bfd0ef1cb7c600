import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementStore, EvidenceReader } from '@signet/domain';
import { TypeormAgreementStore, TypeormEvidenceReader } from '@signet/persistence';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { AgreementsResolver } from './agreements.resolver';
import { AgreementConnectionResolver, AgreementListResolver } from './agreement-list.resolver';
import { ListAgreementsRepository } from './list-agreements.repository';
import { ListAgreementsUseCase } from './list-agreements.usecase';
import { ChainIdentity } from './chain-identity';
import { EvidenceBundleBuilder } from './evidence-bundle.builder';
import { DepositAgreementUseCase } from './deposit-agreement.usecase';
import { RatificationUseCase } from './ratify-agreement.usecase';
import { ReadAgreementUseCase } from './read-agreement.usecase';
import { TerminateAgreementUseCase } from './terminate-agreement.usecase';

/** Deposits, ratification and reading agreements. */
@Module({
  providers: [
    {
      provide: AgreementStore,
      useFactory: (dataSource: DataSource) => new TypeormAgreementStore(dataSource),
      inject: [DataSource],
    },
    {
      provide: EvidenceReader,
      useFactory: (dataSource: DataSource) => new TypeormEvidenceReader(dataSource),
      inject: [DataSource],
    },
    EvidenceBundleBuilder,
    { provide: ChainIdentity, useExisting: ChainGateway },
    DepositAgreementUseCase,
    RatificationUseCase,
    ReadAgreementUseCase,
    TerminateAgreementUseCase,
    AgreementsResolver,
    ListAgreementsRepository,
    ListAgreementsUseCase,
    AgreementListResolver,
    AgreementConnectionResolver,
  ],
  exports: [AgreementStore, ReadAgreementUseCase, ChainIdentity],
})
export class AgreementsModule {}
