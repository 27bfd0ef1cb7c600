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

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/**
 * What the fee ceiling (`ANCHOR_MAX_FEE_PER_GAS_GWEI`; null = none) allows: send with these
 * fees, or send nothing this round. Waiting is always safe: nothing is signed or stored, so
 * the work stays in the outbox, or the stuck transaction stays as it is on the node.
 */
export type FeeDecision =
  | { kind: 'send'; fees: Fees; capped: boolean }
  | { kind: 'wait'; reason: 'network-above-ceiling' | 'bump-too-small' };

/**
 * Fees for a new transaction: the network's, unless its fee cap (2 × base fee + tip) is
 * above the ceiling. A new transaction is not sent below what the network asks, since it
 * would take a nonce that every later transaction has to queue behind.
 */
export function feesForNew(network: Fees, ceiling: bigint | null): FeeDecision {
  if (ceiling !== null && network.maxFeePerGas > ceiling)
    return { kind: 'wait', reason: 'network-above-ceiling' };
  return { kind: 'send', fees: network, capped: false };
}

/**
 * Fees for a replacement: `bumpedFees`, cut down to the ceiling. Nodes refuse a replacement
 * that is not enough above the one it replaces ("underpriced"), so when the cut leaves less
 * than the 12.5% step on either fee, nothing is sent and the stuck transaction keeps its place.
 */
export function feesForReplacement(previous: Fees, network: Fees, ceiling: bigint | null): FeeDecision {
  const wanted = bumpedFees(previous, network);
  if (ceiling === null || wanted.maxFeePerGas <= ceiling)
    return { kind: 'send', fees: wanted, capped: false };
  const fees = {
    maxFeePerGas: ceiling,
    maxPriorityFeePerGas: min(wanted.maxPriorityFeePerGas, ceiling),
  };
  const enough =
    fees.maxFeePerGas >= raise(previous.maxFeePerGas) &&
    fees.maxPriorityFeePerGas >= raise(previous.maxPriorityFeePerGas);
  return enough ? { kind: 'send', fees, capped: true } : { kind: 'wait', reason: 'bump-too-small' };
}

/** A transaction is stuck once it has waited this long since it (or its last replacement) was sent. */
export function isStuck(sentAtMs: number, nowMs: number, bumpAfterMs: number): boolean {
  return nowMs - sentAtMs >= bumpAfterMs;
}

/** Gas limit with headroom: estimate ×1.2 plus a fixed margin, since state can move between estimate and inclusion. */
export function paddedGasLimit(estimate: bigint, margin = 20_000n): bigint {
  return (estimate * 12n) / 10n + margin;
}
