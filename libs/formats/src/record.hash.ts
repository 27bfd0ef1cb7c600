import { encodeWords } from './abi.codec';
import { type HexString, concatBytes, fromHex, utf8 } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import { keccak256Hex } from './keccak.hash';

export const AGREEMENT_RECORD_TYPE =
  'AgreementRecord(bytes32 id,bytes32 sealedDigest,bytes32 signaturesHash)';

export interface PartySignature {
  credentialId: HexString;
  /** Ed25519 public key, 32 bytes. */
  publicKey: HexString;
  /** Ed25519 signature over the 32-byte agreement id, 64 bytes. */
  signature: HexString;
}

/**
 * `keccak256(‖ credentialId[32] ‖ publicKey[32] ‖ signature[64])` over the parties in
 * metadata order: fixed-width fields, so the concatenation cannot be parsed two ways.
 */
export function signaturesHash(signatures: PartySignature[]): HexString {
  if (signatures.length === 0)
    throw new FormatError(FormatErrorCode.INVALID_LENGTH, 'at least one signature is needed', 'signatures');
  return keccak256Hex(
    concatBytes(
      ...signatures.flatMap((s, i) => [
        fromHex(s.credentialId, 32, `signatures[${i}].credentialId`),
        fromHex(s.publicKey, 32, `signatures[${i}].publicKey`),
        fromHex(s.signature, 64, `signatures[${i}].signature`),
      ]),
    ),
  );
}

/**
 * What the chain stores per agreement besides the id: one word that binds the sealed text
 * and the signatures, EIP-712-style (type hash first) so that Solidity can rebuild it with
 * `keccak256(abi.encode(TYPEHASH, id, sealedDigest, signaturesHash))`.
 */
export function recordHash(id: HexString, sealedDigest: HexString, sigsHash: HexString): HexString {
  return keccak256Hex(
    encodeWords([
      { bytes32: keccak256Hex(utf8(AGREEMENT_RECORD_TYPE)) },
      { bytes32: id },
      { bytes32: sealedDigest },
      { bytes32: sigsHash },
    ]),
  );
}
