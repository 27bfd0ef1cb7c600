import { type HexString, concatBytes, utf8 } from './bytes.codec';
import { canonicalJson } from './canonical-json.codec';
import { domainBytes, keccak256Hex } from './keccak.hash';
import type { AgreementMetadata } from './metadata.schema';

export const METADATA_DOMAIN = 'signet:metadata:v1';

/** `keccak256("signet:metadata:v1" ‖ utf8(RFC 8785 JSON))`; the domain keeps it from ever equalling another Signet hash. */
export function metadataHash(metadata: AgreementMetadata): HexString {
  return keccak256Hex(concatBytes(domainBytes(METADATA_DOMAIN), utf8(canonicalJson(metadata))));
}
