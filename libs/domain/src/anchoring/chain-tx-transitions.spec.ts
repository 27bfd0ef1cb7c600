import { DomainError } from '../errors/domain-error';
import {
  ChainTxStatus,
  OPEN_CHAIN_TX_STATUSES,
  judgeChainTx,
  type ChainTxObservation,
} from './anchor-states';
import { assertChainTxTransition, canChainTxTransition, chainTxSourcesOf } from './chain-tx-transitions';

const B1 = `0x${'b'.repeat(64)}`;
const B2 = `0x${'c'.repeat(64)}`;
const H1 = `0x${'1'.repeat(64)}`;

/** The status each verdict writes (null: nothing is written). */
const WRITES = {
  wait: null,
  rebroadcast: null,
  mined: ChainTxStatus.Mined,
  final: ChainTxStatus.Final,
  reverted: ChainTxStatus.Reverted,
  reorged: ChainTxStatus.Sent,
  dropped: ChainTxStatus.Dropped,
} as const;

const receipts = [null, { txHash: H1, blockNumber: 10, blockHash: B1, succeeded: true }].flatMap((r) =>
  r === null ? [null] : [r, { ...r, succeeded: false }],
);

describe('chain transaction transitions', () => {
  it('allow every move the reconciler makes from any open status and any observation', () => {
    const observations: ChainTxObservation[] = receipts.flatMap((receipt) =>
      [B1, B2, null].flatMap((canonicalBlockHash) =>
        [10, 20].flatMap((head) =>
          [4, 6].map((minedNonce) => ({ receipt, canonicalBlockHash, head, minedNonce })),
        ),
      ),
    );
    let moves = 0;
    for (const status of OPEN_CHAIN_TX_STATUSES)
      for (const blockHash of [B1, B2, null])
        for (const seen of observations) {
          const to = WRITES[judgeChainTx({ status, nonce: 5, blockHash }, seen, 2).kind];
          if (to === null) continue;
          moves += 1;
          expect([status, to, canChainTxTransition(status, to)]).toEqual([status, to, true]);
        }
    expect(moves).toBeGreaterThan(20);
  });

  it('reopens a final transaction on a deep reorg, and lets nothing leave a dead end', () => {
    expect(canChainTxTransition(ChainTxStatus.Final, ChainTxStatus.Mined)).toBe(true);
    expect(chainTxSourcesOf(ChainTxStatus.Sent)).toEqual([ChainTxStatus.Signed, ChainTxStatus.Mined]);
    for (const to of Object.values(ChainTxStatus)) {
      expect(canChainTxTransition(ChainTxStatus.Reverted, to)).toBe(false);
      expect(canChainTxTransition(ChainTxStatus.Dropped, to)).toBe(false);
    }
    expect(() => assertChainTxTransition(ChainTxStatus.Final, ChainTxStatus.Sent)).toThrow(DomainError);
    expect(() => assertChainTxTransition(ChainTxStatus.Sent, ChainTxStatus.Final)).toThrow(
      'a chain transaction in sent cannot become final',
    );
  });
});
