/**
 * Shape and size limits of a deposit, checked before anything is read or stored. They
 * bound the work one request can cause; the README lists them for clients.
 */
export const DEPOSIT_LIMITS = {
  /** The sealed blob: 29-byte header + 16-byte tag + 32-byte salt + the text. */
  maxSealedBytes: 2 * 1024 * 1024,
  minParties: 2,
  maxParties: 16,
  maxJurisdictions: 8,
  maxWraps: 64,
  /** Canonical metadata JSON, terms included. */
  maxMetadataBytes: 32 * 1024,
  maxIdempotencyKeyLength: 128,
  maxReasonLength: 2000,
  /** Deposits in one depositAgreements call; the request body (8 MiB) bounds their bytes. */
  maxBatchSize: 100,
} as const;
