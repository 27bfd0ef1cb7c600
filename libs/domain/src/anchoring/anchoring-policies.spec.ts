import { cutBatches, isBatchDue } from './batch.policy';
import { bumpedFees, isStuck, paddedGasLimit } from './fee-bump.policy';
import { classifyBroadcastError, nextNonce } from './nonce.policy';

describe('batch policy', () => {
  const policy = { maxSize: 3, maxWaitMs: 1000 };
  it('sends a full batch at once and a partial one when its oldest row is old enough', () => {
    expect(isBatchDue({ count: 0, oldestAgeMs: null }, policy)).toBe(false);
    expect(isBatchDue({ count: 3, oldestAgeMs: 0 }, policy)).toBe(true);
    expect(isBatchDue({ count: 1, oldestAgeMs: 999 }, policy)).toBe(false);
    expect(isBatchDue({ count: 1, oldestAgeMs: 1000 }, policy)).toBe(true);
  });
  it('cuts batches of at most maxSize in order', () => {
    expect(cutBatches([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(() => cutBatches([1], 0)).toThrow(RangeError);
  });
});

describe('fee bump policy', () => {
  it('raises both fees by at least 12.5% and follows the network when it asks more', () => {
    const next = bumpedFees(
      { maxFeePerGas: 1000n, maxPriorityFeePerGas: 100n },
      { maxFeePerGas: 10n, maxPriorityFeePerGas: 1n },
    );
    expect(next.maxFeePerGas * 1000n).toBeGreaterThanOrEqual(1000n * 1125n);
    expect(next.maxPriorityFeePerGas * 1000n).toBeGreaterThanOrEqual(100n * 1125n);
    const spike = bumpedFees(
      { maxFeePerGas: 1000n, maxPriorityFeePerGas: 100n },
      { maxFeePerGas: 5000n, maxPriorityFeePerGas: 400n },
    );
    expect(spike).toEqual({ maxFeePerGas: 5000n, maxPriorityFeePerGas: 400n });
  });
  it('grows a zero tip and never lets the tip exceed the cap', () => {
    const next = bumpedFees(
      { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n },
      { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n },
    );
    expect(next.maxPriorityFeePerGas).toBeGreaterThan(0n);
    expect(next.maxFeePerGas).toBeGreaterThanOrEqual(next.maxPriorityFeePerGas);
  });
  it('calls a transaction stuck after the threshold and pads gas estimates', () => {
    expect(isStuck(0, 29_999, 30_000)).toBe(false);
    expect(isStuck(0, 30_000, 30_000)).toBe(true);
    expect(paddedGasLimit(100_000n)).toBe(140_000n);
  });
});

describe('nonce policy', () => {
  it('takes the larger of the node pending nonce and the next stored one', () => {
    expect(nextNonce(4, null)).toBe(4);
    expect(nextNonce(4, 7)).toBe(8);
    expect(nextNonce(9, 7)).toBe(9);
  });
  it('reads node refusals', () => {
    expect(classifyBroadcastError('already known')).toBe('known');
    expect(classifyBroadcastError('nonce too low: next nonce 5, tx nonce 4')).toBe('nonce-used');
    expect(classifyBroadcastError('replacement transaction underpriced')).toBe('underpriced');
    expect(classifyBroadcastError('insufficient funds for gas')).toBe('failed');
  });
});
