import { NonceManager, Wallet, type JsonRpcProvider } from 'ethers';
import { RegistryClient, createProvider } from '@signet/chain';

export interface ChainConnection {
  provider: JsonRpcProvider;
  signer: Wallet;
}

/** One provider and the anchoring key's signer (the key itself never leaves this object). */
export function createChainConnection(rpcUrl: string, privateKey: string, chainId?: number): ChainConnection {
  const provider = createProvider(rpcUrl, { chainId, pollingInterval: 250 });
  return { provider, signer: new Wallet(privateKey, provider) };
}

export async function hasContractCode(provider: JsonRpcProvider, address: string): Promise<boolean> {
  return (await provider.getCode(address)) !== '0x';
}

/** Deploys the registry with the anchoring key as admin and registrar. */
export async function deployRegistry(connection: ChainConnection): Promise<string> {
  const client = await RegistryClient.deploy(new NonceManager(connection.signer));
  return client.address;
}
