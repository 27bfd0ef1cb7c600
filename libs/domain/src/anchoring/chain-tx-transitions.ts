import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ChainTxStatus } from './anchor-states';

/**
 * The moves of one nonce of the anchoring key (a chain_transactions row), as the reconciler
 * makes them from `judgeChainTx`'s verdicts. A signed row may be found mined before it is
 * marked sent (a crash between broadcast and the write); mined → mined is the same
 * transaction found in another block after a reorg; mined → sent is a reorg that lost it;
 * final → mined is a reorg deeper than CONFIRMATIONS (FinalityWatch). Reverted and dropped
 * are dead ends: the work goes back to the queue in a new transaction.
 */
const CHAIN_TX_TRANSITIONS: Record<ChainTxStatus, readonly ChainTxStatus[]> = {
  [ChainTxStatus.Signed]: [
    ChainTxStatus.Sent,
    ChainTxStatus.Mined,
    ChainTxStatus.Reverted,
    ChainTxStatus.Dropped,
  ],
  [ChainTxStatus.Sent]: [ChainTxStatus.Mined, ChainTxStatus.Reverted, ChainTxStatus.Dropped],
  [ChainTxStatus.Mined]: [
    ChainTxStatus.Mined,
    ChainTxStatus.Final,
    ChainTxStatus.Sent,
    ChainTxStatus.Reverted,
  ],
  [ChainTxStatus.Final]: [ChainTxStatus.Mined],
  [ChainTxStatus.Reverted]: [],
  [ChainTxStatus.Dropped]: [],
};

export function canChainTxTransition(from: ChainTxStatus, to: ChainTxStatus): boolean {
  return CHAIN_TX_TRANSITIONS[from].includes(to);
}

/** The statuses a row may move to `to` from: what a guarded update puts in its WHERE clause. */
export function chainTxSourcesOf(to: ChainTxStatus): ChainTxStatus[] {
  return (Object.keys(CHAIN_TX_TRANSITIONS) as ChainTxStatus[]).filter((from) =>
    canChainTxTransition(from, to),
  );
}

export function assertChainTxTransition(from: ChainTxStatus, to: ChainTxStatus): void {
  if (!canChainTxTransition(from, to)) {
    throw new DomainError(ErrorCode.InvalidState, `a chain transaction in ${from} cannot become ${to}`, {
      from,
      to,
    });
  }
}
