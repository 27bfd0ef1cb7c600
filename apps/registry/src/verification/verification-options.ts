export const VERIFICATION_OPTIONS = Symbol('VERIFICATION_OPTIONS');

export interface VerificationOptions {
  /** Blocks on top of an anchor before it counts as final (CONFIRMATIONS). */
  confirmations: number;
  /** Entries per in-memory cache (agreement records, credential events, status events). */
  cacheEntries: number;
  /** How long facts that may still change (not final, status, unknown ids) are reused. */
  volatileTtlMs: number;
  headTtlMs: number;
}
