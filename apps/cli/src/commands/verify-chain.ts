import {
  parseBundle,
  parseReceipt,
  verifyBundleExtras,
  verifyEvidence,
  type BlockchainId,
  type DisclosedMetadata,
  type EvidenceBundle,
  type EvidenceCheck,
  type LiabilityLink,
  type Receipt,
  type StatusEvidence,
  type TimestampFinding,
} from '@signet/formats';
import { readChainView, viewFingerprint, type ChainView, type FinalityMode } from './chain-view';

export interface CourtEvidence {
  blockchainId: string;
  parsed: BlockchainId;
  /** One or more endpoints of the chain; all must say the same. */
  rpcUrls: string[];
  /** A receipt (signet-receipt/1 or /2), or an evidence bundle (signet-evidence/1). */
  evidenceText: string;
  bundle: boolean;
  text?: string;
  salt?: string;
  finality: FinalityMode;
  /** Where the registry's logs start; default the receipt's deploymentBlock, else 0. */
  fromBlock?: number;
  logRange: number;
  /** DER certificates pinned as the TSA's root (`--tsa-ca`). */
  tsaRoots?: Uint8Array[];
}

export interface CliVerdict {
  valid: boolean;
  checks: EvidenceCheck[];
  warnings: string[];
  liability?: LiabilityLink[];
  /** The public metadata the chain discloses with the record, decoded; null when hashed only. */
  disclosed?: DisclosedMetadata | null;
  /** The bundle's verified RFC 3161 timestamp: its genTime and who signed it. */
  timestamp?: TimestampFinding | null;
}

/**
 * The court's path (flow 6): the blockchain id, endpoints of its chain and the party's
 * receipt or evidence bundle; nothing from Signet. Each endpoint is read in full and must
 * agree with the others (`rpc-agreement`), since a verifier trusts an endpoint to be complete.
 */
export async function verifyAgainstChain(evidence: CourtEvidence): Promise<CliVerdict> {
  let receipt: Receipt;
  let statusEvidence: StatusEvidence[] | undefined;
  let bundle: EvidenceBundle | undefined;
  try {
    if (evidence.bundle) {
      bundle = parseBundle(evidence.evidenceText);
      receipt = bundle.receipt;
      statusEvidence = bundle.statusEvidence;
    } else {
      receipt = parseReceipt(evidence.evidenceText);
    }
  } catch (error) {
    const name = evidence.bundle ? 'bundle' : 'receipt';
    return { valid: false, checks: [{ name, ok: false, detail: (error as Error).message }], warnings: [] };
  }
  const query = {
    parsed: evidence.parsed,
    receipt,
    amendingIds: (statusEvidence ?? []).flatMap((e) =>
      e.status === 'SUPERSEDED' ? [e.receipt.agreementId] : [],
    ),
    fromBlock: evidence.fromBlock ?? receipt.deploymentBlock ?? 0,
    logRange: evidence.logRange,
    finality: evidence.finality,
    auditCheckpoints: bundle?.auditCheckpoint !== undefined,
  };
  const views: ChainView[] = [];
  for (const url of evidence.rpcUrls) views.push(await readChainView(url, query));
  const [view] = views;
  const finalityBlock = Math.min(...views.map((v) => v.finalityBlock));
  const verdict = verifyEvidence({
    blockchainId: evidence.blockchainId,
    receipt,
    onChainRecords: view.records,
    disclosures: view.disclosures,
    credentialKeys: view.credentialKeys,
    anchorTimestamp: view.anchorTimestamp,
    finality:
      evidence.finality === 'finalized'
        ? { finalizedBlock: finalityBlock }
        : { head: finalityBlock, depth: evidence.finality.depth },
    statusEvents: view.statusEvents,
    statusEvidence,
    amendmentRecords: view.amendmentRecords,
    text: evidence.text,
    salt: evidence.salt,
  });
  // The bundle's own checks (FORMATS.md §12, 19–22): the timestamp and the audit checkpoint.
  const extras = bundle
    ? await verifyBundleExtras({
        bundle,
        auditCheckpoints: view.auditCheckpoints,
        tsaRoots: evidence.tsaRoots,
      })
    : null;
  const checks = [...verdict.checks, ...(extras?.checks ?? [])];
  if (views.length > 1) {
    const first = viewFingerprint(view);
    const disagreeing = evidence.rpcUrls.filter((_url, i) => viewFingerprint(views[i]) !== first);
    checks.push({
      name: 'rpc-agreement',
      ok: disagreeing.length === 0,
      detail:
        disagreeing.length === 0
          ? `${views.length} endpoints return the same logs and blocks`
          : `${disagreeing.join(', ')} disagree with ${evidence.rpcUrls[0]}`,
    });
  }
  return {
    valid: checks.every((check) => check.ok),
    checks,
    warnings: [...verdict.warnings, ...(extras?.warnings ?? [])],
    liability: verdict.liability,
    disclosed: verdict.disclosed,
    timestamp: extras?.timestamp ?? null,
  };
}
