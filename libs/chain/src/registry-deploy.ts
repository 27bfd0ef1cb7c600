import { NonceManager, Wallet, type Provider } from 'ethers';
import { RegistryClient } from './registry-client';

/**
 * Deploys a registry with the anchoring key as admin and registrar (the embedded runtime,
 * on its own anvil). The key becomes a Wallet only for this deployment.
 */
export async function deployRegistryWithKey(provider: Provider, anchorPrivateKey: string): Promise<string> {
  const client = await RegistryClient.deploy(new NonceManager(new Wallet(anchorPrivateKey, provider)));
  return client.address;
}

export async function hasContractCode(provider: Provider, address: string): Promise<boolean> {
  return (await provider.getCode(address)) !== '0x';
}
