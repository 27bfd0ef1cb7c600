import { AUDIT_FIELD_NAMES, type AuditFields, type AuditLink } from './audit-chain.hash';
import { fromBase64, type HexString } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import { parseIJson } from './ijson.codec';
import type { PartySignature } from './record.hash';
import { RECEIPT_V2_VERSION, parseReceipt, type Receipt } from './receipt.model';
import { shape } from './receipt.shape';

export const BUNDLE_VERSION = 'signet-evidence/1';

/**
 * What backs a status event on chain (FORMATS.md §12, `status`): the parties' termination
 * signatures, or the receipt of the agreement that amends this one.
 */
export type StatusEvidence =
  { status: 'TERMINATED'; signatures: PartySignature[] } | { status: 'SUPERSEDED'; receipt: Receipt };

/**
 * An RFC 3161 token over the receipt's batch root (FORMATS.md §15): the DER TimeStampToken
 * and the TSA's certificate chain (signer first, root last), each standard base64.
 */
export interface BundleTimestamp {
  token: string;
  certificates: string[];
}

/**
 * The latest audit checkpoint covering the agreement's events (FORMATS.md §16): the
 * checkpoint as anchored, and every link of the access trail from the agreement's first
 * event up to it, with the agreement's own events in full (the others' only as hashes).
 */
export interface BundleAuditCheckpoint {
  sequence: number;
  head: HexString;
  txHash: HexString;
  blockNumber: number;
  links: AuditLink[];
  events: AuditFields[];
}

/** One self-contained file a party hands to a court: verifiable with a chain endpoint alone. */
export interface EvidenceBundle {
  version: typeof BUNDLE_VERSION;
  receipt: Receipt;
  statusEvidence: StatusEvidence[];
  /** Present when the registry runs with a TSA and the batch's token was obtained. */
  timestamp?: BundleTimestamp;
  /** Present once a mined checkpoint covers one of the agreement's audit events. */
  auditCheckpoint?: BundleAuditCheckpoint;
}

export function serialiseBundle(bundle: EvidenceBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/** Shape only, as parseReceipt: I-JSON, no unknown members, the receipt a v2 one. */
export function parseBundle(text: string): EvidenceBundle {
  let json: unknown;
  try {
    json = parseIJson(text, 'bundle');
  } catch (error) {
    throw shape.fail('bundle', (error as Error).message);
  }
  const b = shape.object(json, 'bundle');
  if (b.version !== BUNDLE_VERSION)
    throw new FormatError(FormatErrorCode.UNSUPPORTED_VERSION, `expected "${BUNDLE_VERSION}"`, 'version');
  shape.members(b, ['version', 'receipt', 'statusEvidence', 'timestamp', 'auditCheckpoint'], 'bundle');
  const receipt = parseReceipt(b.receipt, 'receipt');
  if (receipt.version !== RECEIPT_V2_VERSION)
    throw shape.fail('receipt.version', `must be "${RECEIPT_V2_VERSION}"`);
  const statusEvidence = shape.list(b.statusEvidence, 'statusEvidence').map((item, i): StatusEvidence => {
    const path = `statusEvidence[${i}]`;
    const entry = shape.object(item, path);
    if (entry.status === 'TERMINATED') {
      shape.members(entry, ['status', 'signatures'], path);
      shape
        .list(entry.signatures, `${path}.signatures`)
        .forEach((s, j) => shape.signature(s, `${path}.signatures[${j}]`, []));
      return entry as unknown as StatusEvidence;
    }
    if (entry.status === 'SUPERSEDED') {
      shape.members(entry, ['status', 'receipt'], path);
      return { status: 'SUPERSEDED', receipt: parseReceipt(entry.receipt, `${path}.receipt`) };
    }
    throw shape.fail(`${path}.status`, 'must be "TERMINATED" or "SUPERSEDED"');
  });
  const bundle: EvidenceBundle = { version: BUNDLE_VERSION, receipt, statusEvidence };
  if (b.timestamp !== undefined) bundle.timestamp = parseTimestamp(b.timestamp);
  if (b.auditCheckpoint !== undefined) bundle.auditCheckpoint = parseAuditCheckpoint(b.auditCheckpoint);
  return bundle;
}

function parseTimestamp(value: unknown): BundleTimestamp {
  const t = shape.object(value, 'timestamp');
  shape.members(t, ['token', 'certificates'], 'timestamp');
  const base64 = (item: unknown, path: string): string => {
    if (typeof item !== 'string') throw shape.fail(path, 'must be standard base64');
    fromBase64(item, path);
    return item;
  };
  return {
    token: base64(t.token, 'timestamp.token'),
    certificates: shape
      .list(t.certificates, 'timestamp.certificates')
      .map((c, i) => base64(c, `timestamp.certificates[${i}]`)),
  };
}

function parseAuditCheckpoint(value: unknown): BundleAuditCheckpoint {
  const path = 'auditCheckpoint';
  const c = shape.object(value, path);
  shape.members(c, ['sequence', 'head', 'txHash', 'blockNumber', 'links', 'events'], path);
  shape.integer(c.sequence, `${path}.sequence`);
  shape.integer(c.blockNumber, `${path}.blockNumber`);
  shape.hex(c.head, 32, `${path}.head`);
  shape.hex(c.txHash, 32, `${path}.txHash`);
  shape.list(c.links, `${path}.links`).forEach((item, i) => {
    const where = `${path}.links[${i}]`;
    const link = shape.object(item, where);
    shape.members(link, ['seq', 'prevHash', 'hash', 'agreementTag', 'fieldsHash'], where);
    shape.integer(link.seq, `${where}.seq`);
    for (const key of ['prevHash', 'hash', 'agreementTag', 'fieldsHash'])
      shape.hex(link[key], 32, `${where}.${key}`);
  });
  shape.list(c.events, `${path}.events`).forEach((item, i) => {
    const where = `${path}.events[${i}]`;
    const event = shape.object(item, where);
    shape.members(event, [...AUDIT_FIELD_NAMES], where);
    const missing = AUDIT_FIELD_NAMES.find((name) => !(name in event));
    if (missing !== undefined) throw shape.fail(`${where}.${missing}`, 'is required (null when empty)');
    shape.integer(event.seq, `${where}.seq`);
    shape.object(event.detail, `${where}.detail`);
  });
  return c as unknown as BundleAuditCheckpoint;
}
