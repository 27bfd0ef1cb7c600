import { Inject } from '@nestjs/common';
import { Args, Extensions, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { auditAgreementTag, type Caller } from '@signet/domain';
import { ChainIdentity, blockchainIdOf } from '../agreements/chain-identity';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { AuditTrailUseCase, MAX_CHAIN_PAGE } from './audit-trail.usecase';
import { presentEvent, presentLink } from './audit.presenter';
import { AuditChainPageObject, AuditTrailObject, AuditVerdictObject } from './dto/audit.object';

@Resolver(() => AuditTrailObject)
export class AuditResolver {
  constructor(
    @Inject(AuditTrailUseCase) private readonly trails: AuditTrailUseCase,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  @Query(() => AuditTrailObject, {
    description:
      'Who did what to an agreement (incl. who read it), and its place in the checkpointed hash chain',
  })
  async auditTrail(
    @CurrentCaller() caller: Caller,
    @Args('agreementId', { description: 'Blockchain id (or bare agreement id)' }) agreementId: string,
  ): Promise<AuditTrailObject> {
    const trail = await this.trails.trail(caller, agreementId);
    const id = trail.agreement.id;
    return {
      id: blockchainIdOf(this.chain, id),
      agreementId: id,
      agreementTag: auditAgreementTag(id),
      events: trail.events.map(presentEvent),
      pending: trail.pending.map(presentEvent),
      head: trail.head ?? undefined,
      checkpoint: trail.checkpoint
        ? {
            sequence: trail.checkpoint.sequence,
            head: trail.checkpoint.head,
            txHash: trail.checkpoint.txHash ?? undefined,
            blockNumber: trail.checkpoint.blockNumber ?? undefined,
          }
        : undefined,
    };
  }

  @ResolveField(() => AuditVerdictObject, {
    description:
      "The hash chain checked here against the chain's checkpoints (signet audit checks it on your side)",
  })
  async verdict(@Parent() trail: AuditTrailObject): Promise<AuditVerdictObject> {
    return this.trails.verdict(trail.agreementId);
  }

  @Extensions({ maxPage: MAX_CHAIN_PAGE })
  @Query(() => AuditChainPageObject, {
    description: `The whole chain, a page at a time (at most ${MAX_CHAIN_PAGE} links): others' events as hashes only`,
  })
  async auditChain(
    @CurrentCaller() caller: Caller,
    @Args('agreementId') agreementId: string,
    @Args('fromSeq', { type: () => Int, defaultValue: 1 }) fromSeq: number,
    @Args('first', { type: () => Int, defaultValue: MAX_CHAIN_PAGE }) first: number,
  ): Promise<AuditChainPageObject> {
    const links = await this.trails.chainPage(caller, agreementId, fromSeq, first);
    return { links: links.map(presentLink), head: (await this.trails.head()) ?? undefined };
  }
}
