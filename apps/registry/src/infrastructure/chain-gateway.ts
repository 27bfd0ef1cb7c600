import type { JsonRpcProvider } from 'ethers';
import type { RegistryClient } from '@signet/chain';

/**
 * The registry's chain as the service reads it: one provider and the contract. It holds no
 * key: only the anchor worker's ChainWriter (AnchoringModule) signs.
 */
export class ChainGateway {
  constructor(
    readonly provider: JsonRpcProvider,
    readonly registry: RegistryClient,
    readonly chainId: number,
    readonly registryAddress: string,
    readonly rpcUrl: string,
  ) {}

  blockNumber(): Promise<number> {
    return this.provider.getBlockNumber();
  }
}
