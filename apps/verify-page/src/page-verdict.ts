import {
  credentialIdOfDocument,
  parseBlockchainId,
  standingRecord,
  verifyBundleExtras,
  verifyEvidence,
  type DisclosedMetadata,
  type EvidenceCheck,
  type StatusEvent,
  type TimestampFinding,
} from '@signet/formats';
import { ChainReader, type OnChainCredential } from './chain-reader';
import type { CredentialDocumentView, Evidence } from './evidence-file';

/** Blocks on top of the anchor before the page calls it final, as `signet verify --rpc` does. */
export const CONFIRMATIONS = 2;

export interface PartyView {
  credentialId: string;
  onChain: OnChainCredential | null;
  document: CredentialDocumentView | null;
}

export interface PageVerdict {
  valid: boolean;
  checks: EvidenceCheck[];
  warnings: string[];
  parties: PartyView[];
  statusHistory: StatusEvent[];
  /** The bundle's RFC 3161 timestamp, verified (FORMATS.md §15); null without one or when it fails. */
  timestamp: TimestampFinding | null;
  rpcUrl: string;
  /** The public metadata the chain discloses with the record, decoded; null when hashed only. */
  disclosed: DisclosedMetadata | null;
}

/** The receipt names a different chain than the endpoint serves: nothing can be verified. */
export class WrongChainError extends Error {
  constructor(
    readonly receiptChainId: bigint,
    readonly servedChainId: bigint,
    rpcUrl: string,
  ) {
    super(
      `This receipt is for chain ${receiptChainId}, but ${rpcUrl} serves chain ${servedChainId}. ` +
        `Enter an RPC endpoint of chain ${receiptChainId} to verify it.`,
    );
  }
}

/**
 * Verifies in the browser: the checks are libs/formats' verifyEvidence (docs/FORMATS.md §12)
 * over what the chain endpoint returns, plus the confirmations and the latest status, and for
 * a bundle its timestamp and audit checkpoint (verifyBundleExtras, §15–16), as the court's
 * CLI path reports them. No TSA root is pinned here: the verdict warns that the bundle's own
 * root was used. The text and salt never leave this function.
 */
export async function verifyInBrowser(
  evidence: Evidence,
  rpcUrl: string,
  opening: { text?: string; salt?: string },
): Promise<PageVerdict> {
  const { receipt } = evidence;
  const parsed = parseBlockchainId(receipt.blockchainId);
  const chain = new ChainReader(rpcUrl);
  const served = await chain.chainId();
  if (served !== parsed.chainId) throw new WrongChainError(parsed.chainId, served, rpcUrl);
  // The same credentials and amendments the court's CLI reads (apps/cli chain-view).
  const credentialIds = [
    ...receipt.parties,
    ...(receipt.ratifications ?? []).map((r) => r.credentialId),
    ...(receipt.credentials ?? []).map((c) => credentialIdOfDocument(c.document)),
  ];
  const amendingIds = evidence.statusEvidence.flatMap((e) =>
    e.status === 'SUPERSEDED' ? [e.receipt.agreementId] : [],
  );
  const facts = await chain.factsFor(parsed.registry, parsed.agreementId, credentialIds, amendingIds);
  const anchorBlock = standingRecord(receipt, facts.records)?.blockNumber ?? receipt.anchor.blockNumber;
  const verdict = verifyEvidence({
    blockchainId: receipt.blockchainId,
    receipt,
    onChainRecords: facts.records,
    disclosures: facts.disclosures,
    credentialKeys: facts.credentials,
    anchorTimestamp: await chain.blockTimestamp(anchorBlock),
    finality: { head: facts.head, depth: CONFIRMATIONS },
    statusEvents: facts.statusEvents,
    statusEvidence: evidence.bundled ? evidence.statusEvidence : undefined,
    amendmentRecords: facts.amendmentRecords,
    text: opening.text,
    salt: opening.salt,
  });
  const extras = evidence.bundle
    ? await verifyBundleExtras({
        bundle: evidence.bundle,
        auditCheckpoints: evidence.bundle.auditCheckpoint
          ? await chain.auditCheckpoints(parsed.registry)
          : [],
      })
    : { checks: [], warnings: [], timestamp: null };
  const checks = [...verdict.checks, ...extras.checks];
  return {
    valid: verdict.valid && extras.checks.every((check) => check.ok),
    checks,
    warnings: [...verdict.warnings, ...extras.warnings],
    parties: receipt.parties.map((credentialId) => ({
      credentialId,
      onChain: facts.credentials.get(credentialId) ?? null,
      document: evidence.documents.get(credentialId) ?? null,
    })),
    statusHistory: facts.statusEvents,
    timestamp: extras.timestamp,
    rpcUrl,
    disclosed: verdict.disclosed,
  };
}
