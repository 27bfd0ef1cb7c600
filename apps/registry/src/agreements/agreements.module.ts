import { Module } from '@nestjs/common';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { AgreementsResolver } from './agreements.resolver';
import { RatificationResolver } from './ratification.resolver';
import { AgreementConnectionResolver, AgreementListResolver } from './agreement-list.resolver';
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
    EvidenceBundleBuilder,
    { provide: ChainIdentity, useExisting: ChainGateway },
    DepositAgreementUseCase,
    RatificationUseCase,
    ReadAgreementUseCase,
    TerminateAgreementUseCase,
    AgreementsResolver,
    RatificationResolver,
    ListAgreementsUseCase,
    AgreementListResolver,
    AgreementConnectionResolver,
  ],
  exports: [ReadAgreementUseCase, ChainIdentity],
})
export class AgreementsModule {}
