import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateWindowHit, RateWindowStore } from '@signet/domain';

/** What throttler expects of a storage call (its own type is not exported). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Hits whose expiries fall in one granule share a bucket. A hit may so count up to one
 * granule longer than its window, never shorter: the limit is never exceeded, and a key
 * holds at most ttl / GRANULE_MS buckets however fast it is called.
 */
const GRANULE_MS = 100;
const SWEEP_INTERVAL_MS = 60_000;

/** One window per key and throttler; NUL cannot occur in either. */
function windowId(key: string, throttlerName: string): string {
  return `${throttlerName}\u0000${key}`;
}

interface Bucket {
  expiresAt: number;
  hits: number;
}

interface Window {
  /** Live buckets from `head` on, in order of expiry; the ones before it have expired. */
  buckets: Bucket[];
  head: number;
  totalHits: number;
  /** End of the fixed window throttler reports as `timeToExpire` (the reset header). */
  expiresAt: number;
  isBlocked: boolean;
  blockExpiresAt: number;
}

/**
 * throttler's sliding window, in O(1) per call and bounded memory. Its own in-memory
 * storage keeps one expiry per hit and copies that list on every call: up to the limit
 * (60,000 a minute by default) per call, and a batch of deposits counts one call per
 * deposit. Same answers otherwise: a hit counts for `ttl`; past `limit` the key is blocked
 * for `blockDuration`, after which its count starts again from this call.
 */
export class SlidingWindowStorage implements ThrottlerStorage, RateWindowStore, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private sweep: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.incrementBy(1, key, ttl, limit, blockDuration, throttlerName));
  }

  /** The in-process RateWindowStore: one replica's windows (the embedded default). */
  hit(key: string, weight: number, ttlMs: number, limit: number, blockMs: number): Promise<RateWindowHit> {
    return Promise.resolve(this.incrementBy(weight, key, ttlMs, limit, blockMs, 'window'));
  }

  /** `weight` hits at once: a batch that counts as many requests as it carries. */
  incrementBy(
    weight: number,
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): ThrottlerStorageRecord {
    this.sweep ??= setInterval(() => this.evictIdle(), SWEEP_INTERVAL_MS).unref();
    const now = this.now();
    const window = this.windowOf(windowId(key, throttlerName), ttl, now);
    this.expire(window, now);
    if (window.expiresAt <= now) window.expiresAt = now + ttl;
    if (!window.isBlocked) this.add(window, weight, now + ttl);
    if (window.totalHits > limit && !window.isBlocked) {
      window.isBlocked = true;
      window.blockExpiresAt = now + blockDuration;
    }
    if (window.isBlocked && window.blockExpiresAt <= now) {
      // The block is over: the count starts again, from this call.
      window.isBlocked = false;
      window.buckets = [];
      window.head = 0;
      window.totalHits = 0;
      this.add(window, weight, now + ttl);
    }
    return {
      totalHits: window.totalHits,
      timeToExpire: Math.ceil((window.expiresAt - now) / 1000),
      isBlocked: window.isBlocked,
      timeToBlockExpire: Math.ceil((window.blockExpiresAt - now) / 1000),
    };
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = undefined;
    this.windows.clear();
  }

  /** How many buckets a key holds (for the test of the memory bound). */
  bucketCount(key: string, throttlerName: string): number {
    const window = this.windows.get(windowId(key, throttlerName));
    return window ? window.buckets.length - window.head : 0;
  }

  private windowOf(id: string, ttl: number, now: number): Window {
    let window = this.windows.get(id);
    if (!window) {
      window = {
        buckets: [],
        head: 0,
        totalHits: 0,
        expiresAt: now + ttl,
        isBlocked: false,
        blockExpiresAt: 0,
      };
      this.windows.set(id, window);
    }
    return window;
  }

  private add(window: Window, hits: number, expiresAt: number): void {
    const granule = Math.ceil(expiresAt / GRANULE_MS) * GRANULE_MS;
    const { buckets } = window;
    // Expiries come in order while a throttler's ttl stays the same; kept sorted if not.
    let at = buckets.length;
    while (at > window.head && buckets[at - 1].expiresAt > granule) at--;
    if (at > window.head && buckets[at - 1].expiresAt === granule) buckets[at - 1].hits += hits;
    else buckets.splice(at, 0, { expiresAt: granule, hits });
    window.totalHits += hits;
  }

  private expire(window: Window, now: number): void {
    const { buckets } = window;
    while (window.head < buckets.length && buckets[window.head].expiresAt <= now) {
      window.totalHits -= buckets[window.head].hits;
      window.head++;
    }
    // Drop the expired prefix once it is most of the array, so that it is copied rarely.
    if (window.head > 64 && window.head * 2 > buckets.length) {
      window.buckets = buckets.slice(window.head);
      window.head = 0;
    }
  }

  private evictIdle(): void {
    const now = this.now();
    for (const [id, window] of this.windows) {
      this.expire(window, now);
      const blocked = window.isBlocked && window.blockExpiresAt > now;
      if (!blocked && window.totalHits === 0 && window.expiresAt <= now) this.windows.delete(id);
    }
  }
}
