import { encodeWords } from './abi.codec';
import { type HexString, ZERO_BYTES32, concatBytes, fromHex, utf8 } from './bytes.codec';
import { keccak256Hex } from './keccak.hash';

export const EIP712_DOMAIN_TYPE =
  'EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)';
export const AGREEMENT_TYPE =
  'Agreement(bytes32 commitment,bytes32 metadataHash,bytes32[] parties,bytes32 parentId,bytes32 nonce)';
export const SIGNET_DOMAIN_NAME = 'Signet';
export const SIGNET_DOMAIN_VERSION = '1';

export interface AgreementIdInput {
  chainId: bigint | number;
  /** The registry contract (any hex case; it is hashed as 20 bytes). */
  registry: string;
  commitment: HexString;
  metadataHash: HexString;
  /** Credential ids in metadata order. */
  parties: HexString[];
  /** Null, undefined or the zero word all mean "no parent". */
  parentId?: HexString | null;
  nonce: HexString;
}

// Constant words, hashed once: a service computes an id for every deposit.
const DOMAIN_TYPE_HASH = keccak256Hex(utf8(EIP712_DOMAIN_TYPE));
const DOMAIN_NAME_HASH = keccak256Hex(utf8(SIGNET_DOMAIN_NAME));
const DOMAIN_VERSION_HASH = keccak256Hex(utf8(SIGNET_DOMAIN_VERSION));
const AGREEMENT_TYPE_HASH = keccak256Hex(utf8(AGREEMENT_TYPE));
/** Separators by chain and registry: one or two per process. */
const separators = new Map<string, HexString>();

/** The EIP-712 domain separator binds the id to one chain and one registry, so an id cannot be replayed elsewhere. */
export function domainSeparator(chainId: bigint | number, registry: string): HexString {
  const key = `${chainId}:${registry.toLowerCase()}`;
  let separator = separators.get(key);
  if (separator === undefined) {
    separator = keccak256Hex(
      encodeWords([
        { bytes32: DOMAIN_TYPE_HASH },
        { bytes32: DOMAIN_NAME_HASH },
        { bytes32: DOMAIN_VERSION_HASH },
        { uint256: BigInt(chainId) },
        { address: registry },
      ]),
    );
    if (separators.size < 64) separators.set(key, separator);
  }
  return separator;
}

/** EIP-712 `hashStruct(Agreement)`; a `bytes32[]` member is the keccak of its words, concatenated. */
export function agreementStructHash(input: Omit<AgreementIdInput, 'chainId' | 'registry'>): HexString {
  const partiesHash = keccak256Hex(
    concatBytes(...input.parties.map((p, i) => fromHex(p, 32, `parties[${i}]`))),
  );
  return keccak256Hex(
    encodeWords([
      { bytes32: AGREEMENT_TYPE_HASH },
      { bytes32: input.commitment },
      { bytes32: input.metadataHash },
      { bytes32: partiesHash },
      { bytes32: input.parentId ?? ZERO_BYTES32 },
      { bytes32: input.nonce },
    ]),
  );
}

/**
 * `id = keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(agreement))`: plain EIP-712, so any
 * wallet or EVM tool can recompute (and display) what the parties signed.
 */
export function agreementId(input: AgreementIdInput): HexString {
  return keccak256Hex(
    concatBytes(
      new Uint8Array([0x19, 0x01]),
      fromHex(domainSeparator(input.chainId, input.registry), 32),
      fromHex(agreementStructHash(input), 32),
    ),
  );
}
