/** Which chain and registry agreement ids are bound to (their EIP-712 domain). */
export abstract class ChainIdentity {
  abstract readonly chainId: number;
  abstract readonly registryAddress: string;
}
