import { concatBytes, fromHex, utf8, type HexString } from './bytes.codec';
import { keccak256Hex } from './keccak.hash';

export const TERMINATION_DOMAIN = 'signet:termination:v1';

/** What every party signs (Ed25519) to end an agreement: `keccak256("signet:termination:v1" ‖ id)`. */
export function terminationMessage(agreementId: HexString): HexString {
  return keccak256Hex(utf8(TERMINATION_DOMAIN), fromHex(agreementId, 32, 'agreementId'));
}

/**
 * The `detail` of the TERMINATED status event: `keccak256(‖ credentialId[32] ‖ signature[64])`
 * over the parties in metadata order, so the chain binds who signed the termination.
 */
export function terminationDetail(
  signatures: Array<{ credentialId: HexString; signature: HexString }>,
): HexString {
  return keccak256Hex(
    concatBytes(
      ...signatures.flatMap((s) => [
        fromHex(s.credentialId, 32, 'credentialId'),
        fromHex(s.signature, 64, 'signature'),
      ]),
    ),
  );
}
