import { feesForNew, feesForReplacement, type Fees } from './fee-bump.policy';

const gwei = (n: number): bigint => BigInt(Math.round(n * 1e9));
const fees = (maxFee: number, tip: number): Fees => ({
  maxFeePerGas: gwei(maxFee),
  maxPriorityFeePerGas: gwei(tip),
});

describe('fee ceiling', () => {
  it('changes nothing without a ceiling', () => {
    expect(feesForNew(fees(500, 2), null)).toEqual({ kind: 'send', fees: fees(500, 2), capped: false });
    const replaced = feesForReplacement(fees(10, 1), fees(500, 2), null);
    expect(replaced).toEqual({ kind: 'send', fees: fees(500, 2), capped: false });
  });

  it('pays what the network asks while it is under the ceiling', () => {
    expect(feesForNew(fees(30, 1), gwei(50))).toEqual({ kind: 'send', fees: fees(30, 1), capped: false });
    expect(feesForNew(fees(50, 1), gwei(50))).toEqual({ kind: 'send', fees: fees(50, 1), capped: false });
    const replaced = feesForReplacement(fees(20, 1), fees(30, 1), gwei(50));
    // The network's fee cap is the larger; the tip rises by the 12.5% step (rounded up, plus a wei).
    expect(replaced).toEqual({
      kind: 'send',
      fees: { maxFeePerGas: gwei(30), maxPriorityFeePerGas: 1_125_000_001n },
      capped: false,
    });
  });

  it('waits instead of sending a new transaction while the network asks more than the ceiling', () => {
    expect(feesForNew(fees(50.000000001, 1), gwei(50))).toEqual({
      kind: 'wait',
      reason: 'network-above-ceiling',
    });
  });

  it('cuts a replacement down to the ceiling when that is still a full bump', () => {
    const decision = feesForReplacement(fees(20, 1), fees(300, 2), gwei(50));
    expect(decision).toEqual({ kind: 'send', fees: fees(50, 2), capped: true });
  });

  it('caps the tip at the ceiling too', () => {
    const decision = feesForReplacement(fees(20, 1), fees(300, 80), gwei(50));
    expect(decision).toEqual({ kind: 'send', fees: fees(50, 50), capped: true });
  });

  it('keeps the stuck transaction waiting when the capped replacement would be underpriced', () => {
    // 50 → 55 is only 10%: nodes would refuse it, so nothing is sent.
    expect(feesForReplacement(fees(50, 1), fees(300, 2), gwei(55))).toEqual({
      kind: 'wait',
      reason: 'bump-too-small',
    });
    // Already at the ceiling: no room left at all.
    expect(feesForReplacement(fees(50, 1), fees(300, 2), gwei(50))).toEqual({
      kind: 'wait',
      reason: 'bump-too-small',
    });
  });

  it('sends a capped replacement from exactly the 12.5% step up', () => {
    const step = 45_000_000_001n; // 40 gwei × 1.125, plus the wei that keeps a bump strict
    expect(feesForReplacement(fees(40, 1), fees(300, 1), step)).toMatchObject({ kind: 'send', capped: true });
    expect(feesForReplacement(fees(40, 1), fees(300, 1), step - 1n)).toEqual({
      kind: 'wait',
      reason: 'bump-too-small',
    });
  });
});
