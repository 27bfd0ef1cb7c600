import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { recomputeVerdict, type Caller, type FindingRecord } from '@signet/domain';
import { CurrentCaller } from '../auth/current-caller.decorator';
import {
  FindingConnectionObject,
  FindingFilterInput,
  FindingObject,
  ReinstatementObject,
} from './dto/finding.objects';
import { DEFAULT_FINDINGS_PAGE, FindingsUseCase, MAX_FINDINGS_PAGE } from './findings.usecase';

function present(finding: FindingRecord): FindingObject {
  return {
    ...finding,
    baseline: JSON.stringify(finding.baseline),
    threshold: JSON.stringify(finding.threshold),
    recomputed: recomputeVerdict(finding),
  };
}

@Resolver(() => FindingObject)
export class FindingsResolver {
  constructor(@Inject(FindingsUseCase) private readonly findings: FindingsUseCase) {}

  @Query(() => FindingConnectionObject, {
    name: 'findings',
    description: `Behaviour findings in the caller's scope, newest first (Relay connection, at most ${MAX_FINDINGS_PAGE} a page)`,
  })
  async list(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => FindingFilterInput, nullable: true }) filter?: FindingFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_FINDINGS_PAGE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<FindingConnectionObject> {
    const given = Object.fromEntries(Object.entries(filter ?? {}).filter(([, value]) => value !== null));
    const page = await this.findings.list(caller, given, first ?? DEFAULT_FINDINGS_PAGE, after ?? null);
    const edges = page.items.map((item) => ({ cursor: item.id, node: present(item) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor } };
  }

  @Mutation(() => ReinstatementObject, {
    description:
      'Lift a suspension (or escalation) by behaviour monitoring: the operator or the credential’s principal',
  })
  async reinstateCredential(
    @CurrentCaller() caller: Caller,
    @Args('credentialId') credentialId: string,
    @Args('reason') reason: string,
  ): Promise<ReinstatementObject> {
    const { wasSuspended } = await this.findings.reinstate(caller, credentialId, reason);
    return { credentialId, wasSuspended };
  }
}
