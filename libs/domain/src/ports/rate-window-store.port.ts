/** One hit on a rate window: what @nestjs/throttler's storage answers, in seconds. */
export interface RateWindowHit {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * Where rate-limit windows live: in the process (one replica), in PostgreSQL or in Redis
 * (shared by every API replica). `weight` hits count at once (a batch of deposits counts
 * each); past `limit` within `ttlMs` the key is blocked for `blockMs`, and the count then
 * starts again.
 */
export abstract class RateWindowStore {
  abstract hit(
    key: string,
    weight: number,
    ttlMs: number,
    limit: number,
    blockMs: number,
  ): Promise<RateWindowHit>;
}
