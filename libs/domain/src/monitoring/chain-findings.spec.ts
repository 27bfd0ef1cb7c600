import { recomputeVerdict } from './behaviour-baseline';
import { deepReorgFinding, type LostFinalTx } from './chain-findings';

const LOST: LostFinalTx = {
  kind: 'agreement_batch',
  nonce: 7,
  txHash: `0x${'ab'.repeat(32)}`,
  blockNumber: 120,
  lostBlock: `0x${'01'.repeat(32)}`,
  canonicalBlock: `0x${'02'.repeat(32)}`,
  agreements: 5,
};

describe('deepReorgFinding', () => {
  it('is a high alert about the lost transaction, judged by its block and CONFIRMATIONS', () => {
    const finding = deepReorgFinding(LOST, 2, 1_000);
    expect(finding).toMatchObject({
      feature: 'chain.reorg',
      key: LOST.txHash,
      severity: 'high',
      action: 'alert',
      observed: 5,
      at: 1_000,
      baseline: {
        kind: 'reorg',
        blockNumber: 120,
        lostBlock: LOST.lostBlock,
        canonicalBlock: LOST.canonicalBlock,
      },
      threshold: { confirmations: 2 },
    });
    expect(finding.message).toContain('block 120');
    expect(finding.message).toContain('5 agreements');
  });

  it('recomputes to true while the block is not the canonical one, false if it is', () => {
    expect(recomputeVerdict(deepReorgFinding(LOST, 2))).toBe(true);
    expect(recomputeVerdict(deepReorgFinding({ ...LOST, canonicalBlock: null }, 2))).toBe(true);
    expect(recomputeVerdict(deepReorgFinding({ ...LOST, canonicalBlock: LOST.lostBlock }, 2))).toBe(false);
  });
});
