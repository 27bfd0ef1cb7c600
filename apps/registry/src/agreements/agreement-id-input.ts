import { FormatError, isHex, parseBlockchainId } from '@signet/formats';
import { DomainError, ErrorCode } from '@signet/domain';
import type { ChainIdentity } from './chain-identity';

/**
 * Operations take the blockchain id (README) and, for convenience, the bare agreement
 * id. A blockchain id of another chain or registry is not ours: it is refused, not looked up.
 */
export function resolveAgreementId(input: string, chain: ChainIdentity): string {
  if (isHex(input, 32)) return input;
  let parsed;
  try {
    parsed = parseBlockchainId(input);
  } catch (error) {
    if (error instanceof FormatError)
      throw new DomainError(ErrorCode.BadInput, error.message, { field: 'id' });
    throw error;
  }
  if (
    Number(parsed.chainId) !== chain.chainId ||
    parsed.registry.toLowerCase() !== chain.registryAddress.toLowerCase()
  ) {
    throw new DomainError(ErrorCode.NotFound, 'this blockchain id names another chain or registry', {
      chainId: Number(parsed.chainId),
      registry: parsed.registry,
    });
  }
  return parsed.agreementId;
}
