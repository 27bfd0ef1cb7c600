import { ConfigError } from './config-error';
import type { Env } from './env-readers';

export type RateLimitStoreKind = 'memory' | 'postgres' | 'redis';
const STORES: readonly RateLimitStoreKind[] = ['memory', 'postgres', 'redis'];

/**
 * SIGNET_RATE_LIMIT_STORE if set; else Redis when REDIS_URL is set, PostgreSQL when an
 * external DATABASE_URL is (replicas may share it), and the process for the embedded default.
 */
export function rateLimitStoreOf(env: Env): { kind: RateLimitStoreKind; redisUrl?: string } {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL');
  }
  const given = env.SIGNET_RATE_LIMIT_STORE?.trim() || undefined;
  if (given !== undefined && !STORES.includes(given as RateLimitStoreKind)) {
    throw new ConfigError('SIGNET_RATE_LIMIT_STORE', `must be one of ${STORES.join(', ')}, got "${given}"`);
  }
  if (given === 'redis' && redisUrl === undefined) {
    throw new ConfigError('REDIS_URL', 'is required when SIGNET_RATE_LIMIT_STORE is redis');
  }
  const kind =
    (given as RateLimitStoreKind | undefined) ??
    (redisUrl ? 'redis' : env.DATABASE_URL?.trim() ? 'postgres' : 'memory');
  return { kind, redisUrl };
}
