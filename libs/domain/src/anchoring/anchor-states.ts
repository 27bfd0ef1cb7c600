import { AgreementStatus } from '../agreements/agreement-status';

/**
 * The agreement states the anchor worker moves between. Deposit owns PENDING_RATIFICATION
 * and the move to PENDING_ANCHOR; the worker owns everything after it.
 */
export const AnchoringStatus = {
  PendingAnchor: AgreementStatus.PendingAnchor,
  Anchored: AgreementStatus.Anchored,
  Final: AgreementStatus.Final,
} as const;
export type AnchoringStatus = (typeof AnchoringStatus)[keyof typeof AnchoringStatus];

/**
 * One nonce of the anchoring key (a chain_transactions row):
 * signed → sent → mined → final, with mined → sent on a reorg, and two dead ends:
 * reverted (mined, but the call failed) and dropped (the nonce went to a transaction
 * that is not ours, so none of our hashes can ever land).
 */
export const ChainTxStatus = {
  /** Stored with its raw transaction, not yet known to have reached a node. */
  Signed: 'signed',
  Sent: 'sent',
  Mined: 'mined',
  Final: 'final',
  Reverted: 'reverted',
  Dropped: 'dropped',
} as const;
export type ChainTxStatus = (typeof ChainTxStatus)[keyof typeof ChainTxStatus];

/** Statuses the worker still has to look at on chain. */
export const OPEN_CHAIN_TX_STATUSES: readonly ChainTxStatus[] = [
  ChainTxStatus.Signed,
  ChainTxStatus.Sent,
  ChainTxStatus.Mined,
];

/** What the chain says about one of our transactions, reduced to what the rules need. */
export interface ChainTxObservation {
  /** The receipt of whichever of the transaction's hashes was mined, if any. */
  receipt: { txHash: string; blockNumber: number; blockHash: string; succeeded: boolean } | null;
  /** Hash of the canonical block at the receipt's height (null when there is none). */
  canonicalBlockHash: string | null;
  head: number;
  /** The signer's nonce in the latest block: how many of its transactions are mined. */
  minedNonce: number;
}

export interface ChainTxView {
  status: ChainTxStatus;
  nonce: number;
  blockHash: string | null;
}

export type ChainTxVerdict =
  | { kind: 'wait' }
  | { kind: 'mined'; txHash: string; blockNumber: number; blockHash: string }
  | { kind: 'final' }
  | { kind: 'reverted'; txHash: string; blockNumber: number; blockHash: string }
  | { kind: 'reorged' }
  | { kind: 'rebroadcast' }
  | { kind: 'dropped' };

/**
 * Confirmations as ethers counts them: the block holding the transaction counts as one.
 * Zero configured confirmations still means "mined".
 */
export function isDeepEnough(blockNumber: number, head: number, confirmations: number): boolean {
  return head - blockNumber + 1 >= Math.max(1, confirmations);
}

/**
 * The whole state machine of one transaction in one pure function, so that every
 * restart, reorg and replacement case is a unit test rather than a scenario.
 */
export function judgeChainTx(
  tx: ChainTxView,
  seen: ChainTxObservation,
  confirmations: number,
): ChainTxVerdict {
  const { receipt } = seen;
  if (receipt !== null && receipt.blockHash === seen.canonicalBlockHash) {
    if (!receipt.succeeded) return { kind: 'reverted', ...position(receipt) };
    const moved = tx.status !== ChainTxStatus.Mined || tx.blockHash !== receipt.blockHash;
    if (moved) return { kind: 'mined', ...position(receipt) };
    return isDeepEnough(receipt.blockNumber, seen.head, confirmations) ? { kind: 'final' } : { kind: 'wait' };
  }
  // No canonical receipt. A mined row lost its block: a reorg.
  if (tx.status === ChainTxStatus.Mined) return { kind: 'reorged' };
  // Our nonce is used up yet none of our hashes is mined: something else took it.
  if (seen.minedNonce > tx.nonce && receipt === null) return { kind: 'dropped' };
  return { kind: 'rebroadcast' };
}

function position(r: { txHash: string; blockNumber: number; blockHash: string }) {
  return { txHash: r.txHash, blockNumber: r.blockNumber, blockHash: r.blockHash };
}
