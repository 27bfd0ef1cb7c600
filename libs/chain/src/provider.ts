import { JsonRpcProvider } from 'ethers';

export interface ProviderOptions {
  /** Skip the eth_chainId probe when the chain id is known. */
  chainId?: number;
  /** Milliseconds between polls for new blocks and receipts; ethers' default is 4000. */
  pollingInterval?: number;
}

/**
 * The only way this codebase should build a JSON-RPC provider. `staticNetwork` stops ethers
 * re-asking eth_chainId before every call; `cacheTimeout: -1` turns off its 250 ms result
 * cache, without which, under automine, a second transaction reuses a cached nonce.
 */
export function createProvider(rpcUrl: string, opts: ProviderOptions = {}): JsonRpcProvider {
  return new JsonRpcProvider(rpcUrl, opts.chainId, {
    staticNetwork: true,
    cacheTimeout: -1,
    ...(opts.pollingInterval !== undefined ? { pollingInterval: opts.pollingInterval } : {}),
  });
}
