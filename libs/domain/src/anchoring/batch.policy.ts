/** When the worker cuts a batch of agreements: whichever bound is hit first, size or age. */
export interface BatchPolicy {
  maxSize: number;
  maxWaitMs: number;
}

export interface PendingWork {
  count: number;
  /** Milliseconds since the oldest waiting outbox row was written; null when none waits. */
  oldestAgeMs: number | null;
}

/** A full batch goes at once; a partial one waits until its oldest row is maxWaitMs old. */
export function isBatchDue(pending: PendingWork, policy: BatchPolicy): boolean {
  if (pending.count === 0 || pending.oldestAgeMs === null) return false;
  return pending.count >= policy.maxSize || pending.oldestAgeMs >= policy.maxWaitMs;
}

/** Splits the waiting ids into batches of at most maxSize, oldest first. */
export function cutBatches<T>(waiting: readonly T[], maxSize: number): T[][] {
  if (maxSize < 1) throw new RangeError('maxSize must be at least 1');
  const batches: T[][] = [];
  for (let i = 0; i < waiting.length; i += maxSize) batches.push(waiting.slice(i, i + maxSize));
  return batches;
}
