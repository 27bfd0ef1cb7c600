import { fromHex, utf8, type HexString } from './bytes.codec';
import { canonicalJson } from './canonical-json.codec';
import { keccak256Hex } from './keccak.hash';

export const DESTRUCTION_DOMAIN = 'signet:destruction:v1';
export const SHREDDED_DOMAIN = 'signet:shredded:v1';

/** What every party signs (Ed25519) to ask for early destruction: `keccak256("signet:destruction:v1" ‖ id)`. */
export function destructionMessage(agreementId: HexString): HexString {
  return keccak256Hex(utf8(DESTRUCTION_DOMAIN), fromHex(agreementId, 32, 'agreementId'));
}

/**
 * What the provider destroyed (docs/FORMATS.md, status events): the record a SHREDDED
 * event's `detail` binds. Kept by Signet and shown in `agreement(id).retention`.
 */
export interface ShredEvidence {
  version: 'signet-shredded/1';
  agreementId: HexString;
  sealedDigest: HexString;
  /** The retention key the blob was wrapped under at rest, destroyed with its epoch (null: none). */
  retentionKey: string | null;
  /** The key ids of the wraps deleted, sorted. */
  wraps: HexString[];
  reason: 'schedule' | 'destruction-request';
  /** The schedule's rule and date, and when the job destroyed it (ISO 8601, UTC, milliseconds). */
  rule: string;
  destroyAt: string;
  shreddedAt: string;
}

/** `detail = keccak256(utf8("signet:shredded:v1") ‖ utf8(JCS(evidence)))`. */
export function shreddedDetail(evidence: ShredEvidence): HexString {
  return keccak256Hex(utf8(SHREDDED_DOMAIN), utf8(canonicalJson(evidence)));
}
