import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Verdict } from '@signet/domain';
import { AgreementObject } from '../agreements/dto/agreement.object';
import { VerdictBuilder } from './verdict.builder';
import { VerificationObject } from './verification.objects';
import { VERIFICATION_COST } from '../graphql/request-cost';

/**
 * The verdict as a field of Agreement (flow 5). The parent was already scoped by the query
 * that returned it (agreement, agreements), so whoever sees the agreement sees its verdict.
 * It reads the chain, so a list computes it only for the nodes that ask for it.
 */
@Resolver(() => AgreementObject)
export class AgreementVerdictResolver {
  constructor(@Inject(VerdictBuilder) private readonly verdicts: VerdictBuilder) {}

  @ResolveField(() => VerificationObject, {
    complexity: VERIFICATION_COST,
    description: 'The on-chain record, this index row and the stored blob compared field by field',
  })
  verification(@Parent() agreement: AgreementObject): Promise<Verdict> {
    return this.verdicts.build({ agreementId: agreement.agreementId, anonymous: false });
  }
}
