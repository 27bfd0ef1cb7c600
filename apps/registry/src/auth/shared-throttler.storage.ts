import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateWindowStore } from '@signet/domain';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** @nestjs/throttler's storage (the HTTP routes) on the configured RateWindowStore. */
export class SharedThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly windows: RateWindowStore) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    return this.windows.hit(`${throttlerName}:${key}`, 1, ttl, limit, blockDuration);
  }
}
