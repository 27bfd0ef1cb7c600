import { Redis } from 'ioredis';
import { DomainError, ErrorCode, RateWindowStore, type RateWindowHit } from '@signet/domain';

/**
 * The same window as signet_rate_hit (PostgreSQL), as one Lua script: atomic in Redis, on
 * Redis's clock. A key's hash expires once neither window nor block can matter any more.
 */
const HIT_SCRIPT = `
local key, weight, ttl, limit, block = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local start = now - (now % ttl)
local w = redis.call('HMGET', key, 'start', 'current', 'previous', 'blocked')
local wstart, current, previous, blocked = tonumber(w[1]) or start, tonumber(w[2]) or 0, tonumber(w[3]) or 0, tonumber(w[4]) or 0
if wstart < start then
  if wstart == start - ttl then previous = current else previous = 0 end
  current = 0
  wstart = start
end
if blocked > 0 and blocked <= now then
  blocked = 0
  current = 0
  previous = 0
end
if blocked == 0 then current = current + weight end
local estimate = current + math.ceil(previous * (ttl - (now - start)) / ttl)
if blocked == 0 and estimate > limit then blocked = now + block end
redis.call('HSET', key, 'start', wstart, 'current', current, 'previous', previous, 'blocked', blocked)
redis.call('PEXPIRE', key, math.max(2 * ttl, blocked - now + ttl))
local toBlock = 0
if blocked > now then toBlock = math.ceil((blocked - now) / 1000) end
return { estimate, math.ceil((start + ttl - now) / 1000), blocked > now and 1 or 0, toBlock }
`;

type Hit = [number, number, number, number];

/** Rate windows in Redis (REDIS_URL), shared by every API replica that uses the same Redis. */
export class RedisRateWindowStore extends RateWindowStore {
  private readonly redis: Redis;

  constructor(url: string) {
    super();
    // Fail a request quickly rather than queue it while Redis is away.
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
    this.redis.defineCommand('signetRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  async hit(
    key: string,
    weight: number,
    ttlMs: number,
    limit: number,
    blockMs: number,
  ): Promise<RateWindowHit> {
    const run = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<Hit>>).signetRateHit;
    let answer: Hit;
    try {
      answer = await run.call(this.redis, `signet:rate:${key}`, weight, ttlMs, limit, blockMs);
    } catch {
      // Not the caller's fault, and not a reason to let it through unmetered.
      throw new DomainError(
        ErrorCode.Unavailable,
        'cannot check the rate limit right now; send the request again later',
      );
    }
    const [totalHits, timeToExpire, blocked, timeToBlockExpire] = answer;
    return { totalHits, timeToExpire, isBlocked: blocked === 1, timeToBlockExpire };
  }

  /** Called by Nest at shutdown (the instance is the RateWindowStore provider). */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
