/** A batch root's RFC 3161 token as kept: DER bytes in standard base64. */
export interface BatchTimestampRecord {
  batchRoot: string;
  /** The TimeStampToken (CMS ContentInfo), base64. */
  token: string;
  /** The TSA's certificate chain, signer first, base64 DER each. */
  certificates: string[];
  genTime: Date;
}

/** A recorded batch still waiting for its token. */
export interface DueTimestamp {
  batchRoot: string;
  /** Failed attempts so far. */
  attempts: number;
}

/**
 * Timestamp tokens of batch roots (FORMATS.md §15). A batch is wanted once it is recorded
 * (the anchor worker marks it in the transaction that records it as mined); the timestamp
 * worker fetches tokens apart from anchoring and retries failures later. Batch roots and
 * tokens are public (the root is on chain), so no read here is scoped.
 */
export abstract class BatchTimestampStore {
  /** Wanted batches without a token whose next attempt is due, oldest first. */
  abstract due(limit: number): Promise<DueTimestamp[]>;
  abstract saveToken(record: BatchTimestampRecord): Promise<void>;
  /** A failed attempt: counted, its reason kept, tried again at `retryAt`. */
  abstract saveFailure(batchRoot: string, reason: string, retryAt: Date): Promise<void>;
  abstract tokenFor(batchRoot: string): Promise<BatchTimestampRecord | null>;
}

/** A token as a TSA grants it, already checked against the request (imprint, nonce). */
export interface GrantedTimestamp {
  token: Uint8Array;
  certificates: Uint8Array[];
  genTime: Date;
}

/** The time-stamping authority (TSA_URL), reached over RFC 3161's HTTP transport. */
export abstract class TimestampAuthority {
  abstract stamp(batchRoot: string): Promise<GrantedTimestamp>;
}
