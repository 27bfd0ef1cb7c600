import { fromBase64, fromHex, keccak256, utf8 } from '@signet/formats';

/** Domain-separates rotation proofs from agreement and login signatures made with the same key. */
export const ADD_WRAP_DOMAIN = 'signet:add-wrap:v1';

/**
 * The 32 bytes a recipient signs to add a wrap of an agreement's data key for a new box key
 * of its own (docs/AUDIT.md, "Key rotation"):
 *
 *   H("signet:add-wrap:v1" ‖ agreementId[32] ‖ newKeyId[32] ‖ sealedDigest[32] ‖ H(box))
 *
 * It binds the exact box, so a proof cannot be replayed with another box, for another key,
 * or for another agreement.
 */
export function addWrapMessage(
  agreementId: string,
  newKeyId: string,
  sealedDigest: string,
  box: string,
): Uint8Array {
  return keccak256(
    utf8(ADD_WRAP_DOMAIN),
    fromHex(agreementId, 32, 'agreementId'),
    fromHex(newKeyId, 32, 'newKeyId'),
    fromHex(sealedDigest, 32, 'sealedDigest'),
    keccak256(fromBase64(box, 'box')),
  );
}
