import type { NewFinding } from './behaviour-baseline';

/**
 * Findings about the service itself rather than a credential: nobody's behaviour, but
 * something an operator must act on, kept with the other findings (the `findings` query,
 * the audit chain) so that there is one list to watch. They carry no credential, no
 * organisation and no jurisdictions, so only the operator's scope sees them.
 */
export type SystemFeature = 'chain.reorg';
export const SYSTEM_FEATURES: readonly SystemFeature[] = ['chain.reorg'];

/** What a deep reorg is judged by: the block the transaction was final in, and what the chain holds there now. */
export interface ReorgBaseline {
  kind: 'reorg';
  blockNumber: number;
  lostBlock: string;
  /** The canonical block at that height when the watch looked, or null if the chain is now shorter. */
  canonicalBlock: string | null;
  txHash: string | null;
  nonce: number;
}

/** A final transaction is one CONFIRMATIONS deep; losing its block is a reorg deeper than that. */
export interface ReorgRule {
  confirmations: number;
}

export interface LostFinalTx {
  kind: string;
  nonce: number;
  txHash: string | null;
  blockNumber: number;
  lostBlock: string;
  canonicalBlock: string | null;
  /** Agreements put back from FINAL to ANCHORED. */
  agreements: number;
}

export function deepReorgFinding(lost: LostFinalTx, confirmations: number, at = Date.now()): NewFinding {
  return {
    feature: 'chain.reorg',
    // The lost transaction, so that two reorgs of one transaction read as such.
    key: lost.txHash,
    severity: 'high',
    action: 'alert',
    observed: lost.agreements,
    baseline: {
      kind: 'reorg',
      blockNumber: lost.blockNumber,
      lostBlock: lost.lostBlock,
      canonicalBlock: lost.canonicalBlock,
      txHash: lost.txHash,
      nonce: lost.nonce,
    },
    threshold: { confirmations },
    at,
    message:
      `block ${lost.blockNumber} (${lost.lostBlock}) left the canonical chain after its ${lost.kind} ` +
      `transaction (nonce ${lost.nonce}) was FINAL at ${confirmations} confirmations; ` +
      `${lost.agreements} agreements are anchored again and their earlier receipts no longer verify`,
  };
}

/** Recomputed from the baseline alone: the block the transaction was final in is not the chain's. */
export function reorgVerdict(baseline: ReorgBaseline): boolean {
  return baseline.canonicalBlock !== baseline.lostBlock;
}
