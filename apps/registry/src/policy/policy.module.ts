import { Module } from '@nestjs/common';
import { PolicyPackCompiler, PolicyPackStore } from '@signet/domain';
import { CedarPolicyPackCompiler } from '@signet/policy';
import { ActivatePolicyPackUseCase } from './activate-policy-pack.usecase';
import { ActivePolicyCache } from './active-policy.cache';
import { DepositPolicy } from './deposit-policy';
import { PolicyResolver } from './policy.resolver';
import { PublishPolicyPackUseCase } from './publish-policy-pack.usecase';

/** The deposit's policy decision on a pack store, outside Nest (integration tests build use cases by hand). */
export function createDepositPolicy(store: PolicyPackStore): DepositPolicy {
  return new DepositPolicy(new ActivePolicyCache(store, new CedarPolicyPackCompiler()));
}

/** Jurisdiction policy packs: publishing, activation, and the decision every deposit asks for. */
@Module({
  providers: [
    { provide: PolicyPackCompiler, useValue: new CedarPolicyPackCompiler() },
    ActivePolicyCache,
    DepositPolicy,
    PublishPolicyPackUseCase,
    ActivatePolicyPackUseCase,
    PolicyResolver,
  ],
  exports: [DepositPolicy, ActivePolicyCache],
})
export class PolicyModule {}
