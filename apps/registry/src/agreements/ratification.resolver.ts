import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AgreementStore, dealTerms, ratificationNeed } from '@signet/domain';
import type { AgreementMetadata } from '@signet/formats';
import { AgreementObject } from './dto/agreement.object';
import { RatificationObject } from './dto/ratification.object';

/** `Agreement.ratification`: the answer to "why is my deal waiting, and for whom?". */
@Resolver(() => AgreementObject)
export class RatificationResolver {
  constructor(@Inject(AgreementStore) private readonly store: AgreementStore) {}

  @ResolveField(() => RatificationObject, {
    nullable: true,
    description: 'Why the deal needs (or needed) ratification and by whom; null when within every mandate',
  })
  async ratification(@Parent() agreement: AgreementObject): Promise<RatificationObject | null> {
    const parties = await this.store.findCredentials(agreement.parties);
    const metadata = JSON.parse(agreement.metadata) as AgreementMetadata;
    const need = ratificationNeed(
      parties,
      dealTerms(metadata),
      agreement.createdAt,
      agreement.policyDecision ?? null,
    );
    if (!need) return null;
    const ratified = new Set(
      (await this.store.findSignatures(agreement.agreementId))
        .filter((s) => s.kind === 'ratification')
        .map((s) => s.credentialId),
    );
    const principals = need.principals.map((p) => ({
      credentialId: p.credentialId ?? undefined,
      agents: p.agents,
      ratified: p.credentialId !== null && ratified.has(p.credentialId),
    }));
    return {
      reasons: need.reasons,
      principals,
      outstanding: principals.filter((p) => !p.ratified && p.credentialId).map((p) => p.credentialId!),
    };
  }
}
