import { formatBlockchainId } from '@signet/formats';

/** Which chain and registry agreement ids are bound to (their EIP-712 domain). */
export abstract class ChainIdentity {
  abstract readonly chainId: number;
  abstract readonly registryAddress: string;
}

/** The blockchain id (`eip155:<chainId>:<registry>:<agreementId>`) of an agreement of this registry. */
export function blockchainIdOf(chain: ChainIdentity, agreementId: string): string {
  return formatBlockchainId({ chainId: chain.chainId, registry: chain.registryAddress, agreementId });
}
