import { type HexString, concatBytes, utf8 } from './bytes.codec';
import { canonicalJson } from './canonical-json.codec';
import { domainBytes, keccak256Hex } from './keccak.hash';

export const POLICY_PACK_DOMAIN = 'signet:policy-pack:v1';

/**
 * A policy pack's content address: `keccak256("signet:policy-pack:v1" ‖ utf8(RFC 8785 JSON
 * of { fileName: fileText }))` over every file of the pack, each as its exact UTF-8 text.
 * RFC 8785 sorts the names, so the order files were read in does not matter, and any byte
 * changed in any file (a rule, a threshold, a test case) gives another pack.
 */
export function policyPackHash(files: Record<string, string>): HexString {
  return keccak256Hex(concatBytes(domainBytes(POLICY_PACK_DOMAIN), utf8(canonicalJson(files))));
}
