import { JsonRpcProvider } from 'ethers';
import { NodeHttpJsonRpcProvider } from './node-http-rpc.provider';

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
  const options = {
    staticNetwork: true,
    cacheTimeout: -1,
    ...(opts.pollingInterval !== undefined ? { pollingInterval: opts.pollingInterval } : {}),
  };
  // http(s) goes over node:http (see NodeHttpJsonRpcProvider); anything else stays on ethers' transport.
  return /^https?:/i.test(rpcUrl)
    ? new NodeHttpJsonRpcProvider(rpcUrl, opts.chainId, options)
    : new JsonRpcProvider(rpcUrl, opts.chainId, options);
}
