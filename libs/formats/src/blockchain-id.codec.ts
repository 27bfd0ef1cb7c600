import { type HexString, isHex } from './bytes.codec';
import { isChecksumAddress, toChecksumAddress } from './address.checksum';
import { FormatError, FormatErrorCode } from './format.error';

/** The parts of `eip155:<chainId>:<registry>:<agreementId>`, a CAIP-10 account plus the id. */
export interface BlockchainId {
  chainId: bigint;
  /** EIP-55 checksummed. */
  registry: string;
  agreementId: HexString;
}

export type BlockchainIdPart = 'structure' | 'namespace' | 'chainId' | 'registry' | 'agreementId';

const CHAIN_ID_RE = /^[1-9][0-9]{0,77}$/;

export function formatBlockchainId(parts: {
  chainId: bigint | number;
  registry: string;
  agreementId: HexString;
}): string {
  const chainId = BigInt(parts.chainId);
  if (chainId <= 0n) throw partError('chainId', 'must be a positive integer');
  if (!isHex(parts.agreementId, 32)) throw partError('agreementId', 'must be 0x + 64 lower-case hex');
  return `eip155:${chainId.toString(10)}:${toChecksumAddress(parts.registry)}:${parts.agreementId}`;
}

/**
 * Parses strictly (one spelling per id, so ids can be compared as strings) and says which
 * part is wrong: a court typing an id by hand needs to know where the typo is.
 */
export function parseBlockchainId(text: string): BlockchainId {
  if (typeof text !== 'string') throw partError('structure', 'must be a string');
  const parts = text.split(':');
  if (parts.length !== 4) {
    throw partError(
      'structure',
      `expected 4 parts "eip155:<chainId>:<registry address>:<agreement id>", got ${parts.length}`,
    );
  }
  const [namespace, chain, registry, agreementId] = parts;
  if (namespace !== 'eip155') throw partError('namespace', `expected "eip155", got "${namespace}"`);
  if (!CHAIN_ID_RE.test(chain))
    throw partError('chainId', `expected a positive decimal integer without leading zeros, got "${chain}"`);
  if (!/^0x[0-9a-fA-F]{40}$/.test(registry))
    throw partError('registry', `expected 0x + 40 hex digits, got "${registry}"`);
  if (!isChecksumAddress(registry)) {
    throw partError(
      'registry',
      `address is not EIP-55 checksummed (a typo?); the checksummed form is ${toChecksumAddress(registry)}`,
    );
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(agreementId))
    throw partError('agreementId', `expected 0x + 64 hex digits, got ${agreementId.length} characters`);
  if (agreementId !== agreementId.toLowerCase()) throw partError('agreementId', 'must be lower-case hex');
  return { chainId: BigInt(chain), registry, agreementId };
}

function partError(part: BlockchainIdPart, message: string): FormatError {
  return new FormatError(FormatErrorCode.INVALID_BLOCKCHAIN_ID, message, part);
}
