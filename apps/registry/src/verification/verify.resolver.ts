import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { parseBlockchainId, type BlockchainId } from '@signet/formats';
import { DomainError, ErrorCode, verdictOf, type Verdict } from '@signet/domain';
import { Public } from '../auth/public.decorator';
import { ChainIdentity } from '../agreements/chain-identity';
import { VerdictBuilder } from './verdict.builder';
import { VerificationObject } from './verification.objects';
import { VERIFICATION_COST } from '../graphql/request-cost';

/** A court's text is the agreement itself; anything far beyond a deposit's limit is not. */
const MAX_TEXT_CHARS = 4 * 1024 * 1024;

/**
 * Public verification by blockchain id (flow 6): no credential, rate-limited per address
 * by the global RateLimitGuard (SIGNET_VERIFY_RATE_LIMIT_PER_MINUTE). A malformed id, or
 * one of another registry, is an answer ("invalid", naming the blockchain-id check), not an
 * error, so a script reads one shape.
 */
@Resolver()
export class VerifyResolver {
  constructor(
    @Inject(VerdictBuilder) private readonly verdicts: VerdictBuilder,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
  ) {}

  @Public()
  @Query(() => VerificationObject, {
    complexity: VERIFICATION_COST,
    description:
      'Verify an agreement by blockchain id against the chain, the index and the stored blob; with text and salt, also the commitment',
  })
  async verify(
    @Args('blockchainId') blockchainId: string,
    @Args('text', { type: () => String, nullable: true }) text?: string | null,
    @Args('salt', { type: () => String, nullable: true }) salt?: string | null,
  ): Promise<Verdict> {
    if (text && text.length > MAX_TEXT_CHARS) {
      throw new DomainError(ErrorCode.TooLarge, `text exceeds ${MAX_TEXT_CHARS} characters`, {
        field: 'text',
      });
    }
    let parsed: BlockchainId;
    try {
      parsed = parseBlockchainId(blockchainId);
    } catch (error) {
      return verdictOf([{ name: 'blockchain-id', ok: false, detail: (error as Error).message }]);
    }
    if (
      parsed.chainId !== BigInt(this.chain.chainId) ||
      parsed.registry.toLowerCase() !== this.chain.registryAddress.toLowerCase()
    ) {
      return verdictOf([
        {
          name: 'blockchain-id',
          ok: false,
          detail:
            `names chain ${parsed.chainId}, registry ${parsed.registry}; this service records on chain ` +
            `${this.chain.chainId}, registry ${this.chain.registryAddress}: verify it with signet verify --rpc`,
        },
      ]);
    }
    return this.verdicts.build({
      agreementId: parsed.agreementId,
      text: text ?? undefined,
      salt: salt ?? undefined,
      anonymous: true,
    });
  }
}
