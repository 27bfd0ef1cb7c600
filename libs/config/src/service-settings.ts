import { ConfigError } from './config-error';
import { integer, text, type Env } from './env-readers';
import { rateLimitStoreOf, type RateLimitStoreKind } from './rate-limit-store';

/** Authentication and rate limits (apps/registry/src/auth reads the token secret file itself). */
export interface AuthConfig {
  /** SIGNET_TOKEN_SECRET: HS256 key that API replicas share. Unset: a file in the data dir. Secret: never logged. */
  tokenSecret?: string;
  tokenTtlSeconds: number;
  challengeTtlSeconds: number;
  /** Cost points per minute per credential (GraphQL), or requests per minute per HTTP route. */
  rateLimitPerMinute: number;
  /** Cost points per minute per address for a caller without a credential (public verification). */
  verifyRateLimitPerMinute: number;
  /** Where the rate-limit windows live (apps/registry/src/auth/rate-window.provider.ts). */
  rateLimitStore: RateLimitStoreKind;
  /** REDIS_URL, for the `redis` store. May hold a password: never logged. */
  redisUrl?: string;
}

/** Knobs of the access trail. */
export interface AuditConfig {
  /** How often the sequencer gives new events their place in the chain. */
  sequenceIntervalMs: number;
  /** A checkpoint is due after this many new events… */
  checkpointEvery: number;
  /** …or this long after the last one, if anything was added since. */
  checkpointSeconds: number;
  /** …or this long after a read of sealed text, the event parties most need proven. */
  readCheckpointSeconds: number;
  /**
   * How long a hole in the id order may hold back later events (a transaction that took an
   * id and has not committed yet). Past it, the hole is assumed rolled back.
   */
  gapGraceMs: number;
}

export function authConfig(env: Env): AuthConfig {
  const tokenSecret = text(env, 'SIGNET_TOKEN_SECRET');
  if (tokenSecret !== undefined && tokenSecret.length < 32) {
    throw new ConfigError('SIGNET_TOKEN_SECRET', 'must be at least 32 characters');
  }
  return {
    tokenSecret,
    tokenTtlSeconds: integer(env, 'SIGNET_TOKEN_TTL_SECONDS', 900, 10, 86_400),
    challengeTtlSeconds: integer(env, 'SIGNET_CHALLENGE_TTL_SECONDS', 60, 1, 3600),
    // Generous by default: one busy agent at 500 simple requests (cost 1) a second stays well under it.
    rateLimitPerMinute: integer(env, 'SIGNET_RATE_LIMIT_PER_MINUTE', 60_000, 1, 10_000_000),
    verifyRateLimitPerMinute: integer(env, 'SIGNET_VERIFY_RATE_LIMIT_PER_MINUTE', 12_000, 1, 10_000_000),
    ...rateLimitStoreFields(env),
  };
}

function rateLimitStoreFields(env: Env): Pick<AuthConfig, 'rateLimitStore' | 'redisUrl'> {
  const { kind, redisUrl } = rateLimitStoreOf(env);
  return { rateLimitStore: kind, redisUrl };
}

export function auditConfig(env: Env): AuditConfig {
  return {
    sequenceIntervalMs: integer(env, 'SIGNET_AUDIT_SEQUENCE_MS', 200, 10, 60_000),
    checkpointEvery: integer(env, 'SIGNET_AUDIT_CHECKPOINT_EVERY', 1000, 1, 10_000_000),
    checkpointSeconds: integer(env, 'SIGNET_AUDIT_CHECKPOINT_SECONDS', 300, 1, 7 * 86_400),
    readCheckpointSeconds: integer(env, 'SIGNET_AUDIT_READ_CHECKPOINT_SECONDS', 10, 0, 7 * 86_400),
    gapGraceMs: integer(env, 'SIGNET_AUDIT_GAP_GRACE_MS', 3000, 0, 600_000),
  };
}

/** SIGNET_ANVIL_PORT: the embedded anvil's port; undefined lets the runtime choose one. */
export function anvilPort(env: Env): number | undefined {
  if (text(env, 'SIGNET_ANVIL_PORT') === undefined) return undefined;
  return integer(env, 'SIGNET_ANVIL_PORT', 0, 1, 65535);
}
