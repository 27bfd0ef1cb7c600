import type { Provider } from '@nestjs/common';
import { RateWindowStore } from '@signet/domain';
import { PgRateWindowStore, RedisRateWindowStore } from '@signet/persistence';
import { AUTH_SETTINGS, type AuthSettings } from './auth-settings';
import { SlidingWindowStorage } from './sliding-window.storage';

/**
 * The rate-limit windows: in this process (the embedded default: one replica), in
 * PostgreSQL (every replica on the database shares one budget per credential or address)
 * or in Redis (REDIS_URL). Chosen once at start-up (auth-settings.ts).
 */
export const RATE_WINDOW_PROVIDER: Provider = {
  provide: RateWindowStore,
  inject: [AUTH_SETTINGS, PgRateWindowStore],
  useFactory: (settings: AuthSettings, postgres: PgRateWindowStore): RateWindowStore => {
    switch (settings.rateLimitStore) {
      case 'redis':
        return new RedisRateWindowStore(settings.redisUrl!);
      case 'postgres':
        return postgres;
      case 'memory':
        return new SlidingWindowStorage();
    }
  },
};
