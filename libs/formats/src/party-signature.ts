import { concatBytes, fromHex, utf8, type HexString } from './bytes.codec';
import { keccak256 } from './keccak.hash';
import { ed25519Verify } from './ed25519.signature';

export const PARTY_SIGNATURE_DOMAIN = 'signet:party-signature:v2';

/**
 * What a party's Ed25519 signature covers (FORMATS.md §5). Scheme 1, the 32 id bytes, lets
 * whoever knows the id pair the signatures with any sealed digest; scheme 2 binds the sealed
 * digest too, so a record written with another digest carries no valid signature.
 */
export type SignatureScheme = 1 | 2;

export function partySignatureMessage(
  scheme: SignatureScheme,
  agreementId: HexString,
  sealedDigest: HexString,
): Uint8Array {
  const id = fromHex(agreementId, 32, 'agreementId');
  if (scheme === 1) return id;
  return keccak256(concatBytes(utf8(PARTY_SIGNATURE_DOMAIN), id, fromHex(sealedDigest, 32, 'sealedDigest')));
}

/**
 * The scheme a stored signature was made under, 2 tried first; null when neither verifies.
 * Lets the service accept old (scheme 1) signers and say which scheme each receipt entry uses.
 */
export function signatureSchemeOf(
  agreementId: HexString,
  sealedDigest: HexString,
  signature: HexString,
  publicKey: HexString,
): SignatureScheme | null {
  for (const scheme of [2, 1] as const) {
    const message = partySignatureMessage(scheme, agreementId, sealedDigest);
    if (ed25519Verify(message, fromHex(signature, 64), fromHex(publicKey, 32))) return scheme;
  }
  return null;
}
