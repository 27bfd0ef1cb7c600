import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DomainError, ErrorCode, PolicyPackStore, type Caller, type PolicyPackRecord } from '@signet/domain';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { Public } from '../auth/public.decorator';
import { ActivatePolicyPackUseCase } from './activate-policy-pack.usecase';
import { PolicyPackFileInput } from './dto/policy-pack-file.input';
import { PolicyActivationObject, PolicyPackObject, PolicyPublicationObject } from './dto/policy.objects';
import { PublishPolicyPackUseCase } from './publish-policy-pack.usecase';

/** Policy packs: published and activated by the operator, readable by anyone they bind. */
@Resolver()
export class PolicyResolver {
  constructor(
    @Inject(PolicyPackStore) private readonly store: PolicyPackStore,
    @Inject(PublishPolicyPackUseCase) private readonly publishing: PublishPolicyPackUseCase,
    @Inject(ActivatePolicyPackUseCase) private readonly activating: ActivatePolicyPackUseCase,
  ) {}

  @Mutation(() => PolicyPublicationObject, {
    description:
      'Validates the pack (schema, Cedar syntax, every test case) and stores it by hash; does not activate it',
  })
  async publishPolicyPack(
    @CurrentCaller() caller: Caller,
    @Args('files', { type: () => [PolicyPackFileInput] }) files: PolicyPackFileInput[],
  ): Promise<PolicyPublicationObject> {
    const byName: Record<string, string> = {};
    for (const { name, text } of files) {
      if (name in byName)
        throw new DomainError(ErrorCode.InvalidPolicyPack, `${name}: given twice`, { path: name });
      byName[name] = text;
    }
    const { pack, cases } = await this.publishing.execute(caller, byName);
    return { pack: await this.present(pack), cases };
  }

  @Mutation(() => PolicyActivationObject, {
    description:
      'Makes a published pack the one in force for its jurisdiction from now on; anchored as PolicyActivated',
  })
  activatePolicyPack(
    @CurrentCaller() caller: Caller,
    @Args('jurisdiction') jurisdiction: string,
    @Args('packHash') packHash: string,
  ): Promise<PolicyActivationObject> {
    return this.activating.execute(caller, jurisdiction, packHash);
  }

  @Public()
  @Query(() => [PolicyPackObject], { description: 'Every pack published for a jurisdiction, newest first' })
  async policyPacks(@Args('jurisdiction') jurisdiction: string): Promise<PolicyPackObject[]> {
    const packs = await this.store.list(jurisdiction);
    return Promise.all(packs.map((pack) => this.present(pack)));
  }

  @Public()
  @Query(() => PolicyPackObject, {
    nullable: true,
    description: 'A pack by its hash: the rules that bind an agreement',
  })
  async policyPack(@Args('hash') hash: string): Promise<PolicyPackObject | null> {
    const pack = await this.store.find(hash);
    return pack ? this.present(pack) : null;
  }

  private async present(pack: PolicyPackRecord): Promise<PolicyPackObject> {
    const activations = await this.store.activations(pack.jurisdiction);
    const own = activations.find((activation) => activation.packHash === pack.hash);
    return {
      hash: pack.hash,
      jurisdiction: pack.jurisdiction,
      version: pack.version,
      publishedAt: pack.publishedAt,
      active: activations[0]?.packHash === pack.hash,
      activatedAt: own?.activatedAt,
      data: pack.files['pack.json'],
      files: Object.entries(pack.files).map(([name, text]) => ({ name, text })),
    };
  }
}
