import { checkAuditCheckpoint, type OnChainAuditCheckpoint } from './evidence-audit.checks';
import type { EvidenceBundle } from './evidence-bundle.model';
import { checkTimestamp } from './evidence-timestamp.checks';
import { CheckList, type EvidenceCheck } from './evidence.types';
import type { TimestampFinding } from './timestamp.verify';

export interface BundleExtrasInput {
  bundle: EvidenceBundle;
  /** The registry's AuditCheckpoint logs. */
  auditCheckpoints: OnChainAuditCheckpoint[];
  /** DER certificates the verifier trusts as the TSA's root (`--tsa-ca`); else the bundle's own root. */
  tsaRoots?: Uint8Array[];
}

export interface BundleExtrasVerdict {
  checks: EvidenceCheck[];
  warnings: string[];
  /** The verified token's time and signer; null without a (valid) token. */
  timestamp: TimestampFinding | null;
}

/**
 * The bundle's checks beyond the receipt's (FORMATS.md §12, 19–22), run after
 * verifyEvidence: the RFC 3161 timestamp of the batch root and the audit checkpoint. A
 * bundle without either is not invalid; a warning says what it does not prove.
 */
export async function verifyBundleExtras(input: BundleExtrasInput): Promise<BundleExtrasVerdict> {
  const { bundle } = input;
  const list = new CheckList();
  let timestamp: TimestampFinding | null = null;
  if (bundle.timestamp !== undefined)
    timestamp = await checkTimestamp(list, bundle.receipt.anchor.batchRoot, bundle.timestamp, input.tsaRoots);
  else list.warn('no RFC 3161 timestamp: the anchor block is the only time evidence');
  if (bundle.auditCheckpoint !== undefined)
    checkAuditCheckpoint(list, bundle.receipt.agreementId, bundle.auditCheckpoint, input.auditCheckpoints);
  else list.warn('no audit checkpoint: the access trail of this agreement is not proven here');
  return { checks: list.checks, warnings: list.warnings, timestamp };
}
