import { Inject } from '@nestjs/common';
import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Caller } from '@signet/domain';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { ChainIdentity } from './chain-identity';
import { AgreementConnectionObject } from './dto/agreement-connection.object';
import { AgreementFilterInput } from './dto/agreement-filter.input';
import { AgreementObject } from './dto/agreement.object';
import { presentAgreement } from './list-agreements.presenter';
import { DEFAULT_PAGE, ListAgreementsUseCase, MAX_PAGE } from './list-agreements.usecase';

@Resolver(() => AgreementObject)
export class AgreementListResolver {
  constructor(
    @Inject(ListAgreementsUseCase) private readonly list: ListAgreementsUseCase,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  @Query(() => AgreementConnectionObject, {
    description: `The agreements the caller may see, newest first (Relay connection, at most ${MAX_PAGE} a page)`,
  })
  async agreements(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => AgreementFilterInput, nullable: true })
    filter?: AgreementFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_PAGE }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AgreementConnectionObject> {
    // An explicit null means "no constraint", like an absent member.
    const given = Object.fromEntries(Object.entries(filter ?? {}).filter(([, value]) => value !== null));
    const page = await this.list.execute(caller, given, first ?? DEFAULT_PAGE, after);
    const edges = page.items.map((item) => ({
      cursor: item.cursor,
      node: presentAgreement(item.record, this.chain),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor },
      query: page.query,
    };
  }
}

/** totalCount counts the whole scoped, filtered set: only when a client asks for it. */
@Resolver(() => AgreementConnectionObject)
export class AgreementConnectionResolver {
  constructor(@Inject(ListAgreementsUseCase) private readonly list: ListAgreementsUseCase) {}

  @ResolveField(() => Int)
  totalCount(@Parent() connection: AgreementConnectionObject): Promise<number> {
    return this.list.count(connection.query);
  }
}
