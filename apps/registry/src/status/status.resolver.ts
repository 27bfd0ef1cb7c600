import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { Public } from '../auth/public.decorator';
import { SIGNET_VERSION } from '../version';
import { StatusObject } from './status.object';

@Resolver(() => StatusObject)
export class StatusResolver {
  constructor(@Inject(ChainGateway) private readonly chain: ChainGateway) {}

  @Query(() => StatusObject)
  @Public()
  async status(): Promise<StatusObject> {
    return {
      version: SIGNET_VERSION,
      chainId: this.chain.chainId,
      registryAddress: this.chain.registryAddress,
      rpcUrl: this.chain.rpcUrl,
      blockNumber: await this.chain.blockNumber(),
    };
  }
}
