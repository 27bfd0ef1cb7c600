import type { JsonRpcProvider, Wallet } from 'ethers';
import type { RegistryClient } from '@signet/chain';

/** The registry's chain as the service sees it: one provider, one signer, one contract. */
export class ChainGateway {
  constructor(
    readonly provider: JsonRpcProvider,
    readonly signer: Wallet,
    readonly registry: RegistryClient,
    readonly chainId: number,
    readonly registryAddress: string,
    readonly rpcUrl: string,
  ) {}

  blockNumber(): Promise<number> {
    return this.provider.getBlockNumber();
  }
}
