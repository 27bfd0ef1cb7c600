/** EIP-1559 fees of one signed transaction, in wei. */
export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/**
 * Nodes (geth, anvil) accept a replacement at the same nonce only if both fees rise by at
 * least 10%; 12.5% (EIP-1559's per-block base-fee step) leaves margin and matches what the
 * base fee can do in one block.
 */
export const MIN_BUMP_NUMERATOR = 1125n;
export const BUMP_DENOMINATOR = 1000n;

function raise(previous: bigint): bigint {
  // Round up, and add one wei so a zero tip still strictly grows.
  return (previous * MIN_BUMP_NUMERATOR + BUMP_DENOMINATOR - 1n) / BUMP_DENOMINATOR + 1n;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/**
 * Fees for a replacement: at least 12.5% above the previous ones, and at least what the
 * network asks now. The tip never exceeds the fee cap.
 */
export function bumpedFees(previous: Fees, network: Fees): Fees {
  const maxPriorityFeePerGas = max(raise(previous.maxPriorityFeePerGas), network.maxPriorityFeePerGas);
  const maxFeePerGas = max(max(raise(previous.maxFeePerGas), network.maxFeePerGas), maxPriorityFeePerGas);
  return { maxFeePerGas, maxPriorityFeePerGas };
}

/** A transaction is stuck once it has waited this long since it (or its last replacement) was sent. */
export function isStuck(sentAtMs: number, nowMs: number, bumpAfterMs: number): boolean {
  return nowMs - sentAtMs >= bumpAfterMs;
}

/** Gas limit with headroom: estimate ×1.2 plus a fixed margin, since state can move between estimate and inclusion. */
export function paddedGasLimit(estimate: bigint, margin = 20_000n): bigint {
  return (estimate * 12n) / 10n + margin;
}
