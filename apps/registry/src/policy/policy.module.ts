import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PolicyPackCompiler, PolicyPackStore } from '@signet/domain';
import { TypeormPolicyPackStore } from '@signet/persistence';
import { CedarPolicyPackCompiler } from '@signet/policy';
import { ActivatePolicyPackUseCase } from './activate-policy-pack.usecase';
import { ActivePolicyCache } from './active-policy.cache';
import { DepositPolicy } from './deposit-policy';
import { PolicyResolver } from './policy.resolver';
import { PublishPolicyPackUseCase } from './publish-policy-pack.usecase';

/** The deposit's policy decision on a database, outside Nest (integration tests build use cases by hand). */
export function createDepositPolicy(dataSource: DataSource): DepositPolicy {
  return new DepositPolicy(
    new ActivePolicyCache(new TypeormPolicyPackStore(dataSource), new CedarPolicyPackCompiler()),
  );
}

/** Jurisdiction policy packs: publishing, activation, and the decision every deposit asks for. */
@Module({
  providers: [
    { provide: PolicyPackCompiler, useValue: new CedarPolicyPackCompiler() },
    {
      provide: PolicyPackStore,
      useFactory: (dataSource: DataSource) => new TypeormPolicyPackStore(dataSource),
      inject: [DataSource],
    },
    ActivePolicyCache,
    DepositPolicy,
    PublishPolicyPackUseCase,
    ActivatePolicyPackUseCase,
    PolicyResolver,
  ],
  exports: [DepositPolicy],
})
export class PolicyModule {}
