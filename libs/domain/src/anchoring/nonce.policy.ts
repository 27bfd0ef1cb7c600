/**
 * The next nonce of the anchoring key: past everything the node knows about (its pending
 * nonce) and past everything we have signed (stored rows may not have reached any node
 * yet, e.g. after a crash between commit and broadcast).
 */
export function nextNonce(chainPendingNonce: number, highestStoredNonce: number | null): number {
  return Math.max(chainPendingNonce, highestStoredNonce === null ? 0 : highestStoredNonce + 1);
}

/** How a node's refusal of a raw transaction is read. */
export type BroadcastOutcome = 'accepted' | 'known' | 'nonce-used' | 'underpriced' | 'failed';

/**
 * Nodes word these differently (geth, anvil, reth, erigon); the substrings below cover
 * the ones seen. "known" and "nonce-used" are not failures: the transaction (or a
 * sibling at its nonce) is already there, and the next check finds its receipt.
 */
export function classifyBroadcastError(message: string): BroadcastOutcome {
  const m = message.toLowerCase();
  if (m.includes('already known') || m.includes('already imported') || m.includes('known transaction'))
    return 'known';
  if (m.includes('nonce too low') || m.includes('nonce has already been used') || m.includes('invalid nonce'))
    return 'nonce-used';
  if (m.includes('underpriced') || m.includes('fee too low') || m.includes('insufficient fee'))
    return 'underpriced';
  return 'failed';
}
