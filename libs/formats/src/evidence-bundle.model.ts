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

/** One self-contained file a party hands to a court: verifiable with a chain endpoint alone. */
export interface EvidenceBundle {
  version: typeof BUNDLE_VERSION;
  receipt: Receipt;
  statusEvidence: StatusEvidence[];
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
  shape.members(b, ['version', 'receipt', 'statusEvidence'], 'bundle');
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
  return { version: BUNDLE_VERSION, receipt, statusEvidence };
}
