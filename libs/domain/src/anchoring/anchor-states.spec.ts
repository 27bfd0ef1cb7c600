import {
  ChainTxStatus,
  judgeChainTx,
  isDeepEnough,
  type ChainTxObservation,
  type ChainTxView,
} from './anchor-states';

const H1 = `0x${'1'.repeat(64)}`;
const B1 = `0x${'b'.repeat(64)}`;
const B2 = `0x${'c'.repeat(64)}`;

function seen(over: Partial<ChainTxObservation> = {}): ChainTxObservation {
  return {
    receipt: { txHash: H1, blockNumber: 10, blockHash: B1, succeeded: true },
    canonicalBlockHash: B1,
    head: 10,
    minedNonce: 6,
    ...over,
  };
}
const sent: ChainTxView = { status: ChainTxStatus.Sent, nonce: 5, blockHash: null };
const mined: ChainTxView = { status: ChainTxStatus.Mined, nonce: 5, blockHash: B1 };

describe('judgeChainTx', () => {
  it('marks a sent transaction with a canonical receipt as mined', () => {
    expect(judgeChainTx(sent, seen(), 2)).toEqual({
      kind: 'mined',
      txHash: H1,
      blockNumber: 10,
      blockHash: B1,
    });
  });
  it('waits for confirmations, then finalises', () => {
    expect(judgeChainTx(mined, seen({ head: 10 }), 2)).toEqual({ kind: 'wait' });
    expect(judgeChainTx(mined, seen({ head: 11 }), 2)).toEqual({ kind: 'final' });
    expect(judgeChainTx(mined, seen({ head: 10 }), 0)).toEqual({ kind: 'final' });
  });
  it('reports a reorg when the mined block is gone or no longer canonical', () => {
    expect(judgeChainTx(mined, seen({ receipt: null, minedNonce: 5 }), 2)).toEqual({ kind: 'reorged' });
    expect(judgeChainTx(mined, seen({ canonicalBlockHash: B2 }), 2)).toEqual({ kind: 'reorged' });
  });
  it('follows a transaction re-mined in another block', () => {
    const moved = seen({
      receipt: { txHash: H1, blockNumber: 11, blockHash: B2, succeeded: true },
      canonicalBlockHash: B2,
    });
    expect(judgeChainTx(mined, moved, 2)).toMatchObject({ kind: 'mined', blockHash: B2, blockNumber: 11 });
  });
  it('rebroadcasts while the nonce is unused, and gives up once another transaction took it', () => {
    expect(judgeChainTx(sent, seen({ receipt: null, minedNonce: 5 }), 2)).toEqual({ kind: 'rebroadcast' });
    expect(judgeChainTx(sent, seen({ receipt: null, minedNonce: 6 }), 2)).toEqual({ kind: 'dropped' });
  });
  it('reports a reverted call', () => {
    const failed = seen({ receipt: { txHash: H1, blockNumber: 10, blockHash: B1, succeeded: false } });
    expect(judgeChainTx(sent, failed, 2)).toMatchObject({ kind: 'reverted' });
  });
  it('counts the including block as the first confirmation', () => {
    expect(isDeepEnough(10, 10, 1)).toBe(true);
    expect(isDeepEnough(10, 11, 3)).toBe(false);
    expect(isDeepEnough(10, 12, 3)).toBe(true);
  });
});
