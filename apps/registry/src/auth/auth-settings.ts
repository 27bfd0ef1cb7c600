import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, integer } from '@signet/config';

/** Authentication and rate-limit settings, read once from the environment at start-up. */
export interface AuthSettings {
  /** HS256 key of the access tokens. Secret: never logged. */
  tokenSecret: Uint8Array;
  tokenTtlSeconds: number;
  challengeTtlSeconds: number;
  /** Cost points per minute per credential (GraphQL), or requests per minute per HTTP route. */
  rateLimitPerMinute: number;
  /** Cost points per minute per address for a caller without a credential (public verification). */
  verifyRateLimitPerMinute: number;
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

type Env = Record<string, string | undefined>;

/**
 * The token secret comes from SIGNET_TOKEN_SECRET (API replicas must share it) or is
 * created once in the data dir, so tokens survive a restart of a single instance.
 */
export async function loadAuthSettings(dataDir: string, env: Env = process.env): Promise<AuthSettings> {
  return {
    tokenSecret: await tokenSecret(dataDir, env),
    tokenTtlSeconds: integer(env, 'SIGNET_TOKEN_TTL_SECONDS', 900, 10, 86_400),
    challengeTtlSeconds: integer(env, 'SIGNET_CHALLENGE_TTL_SECONDS', 60, 1, 3600),
    // Generous by default: one busy agent at 500 simple requests (cost 1) a second stays well under it.
    rateLimitPerMinute: integer(env, 'SIGNET_RATE_LIMIT_PER_MINUTE', 60_000, 1, 10_000_000),
    verifyRateLimitPerMinute: integer(env, 'SIGNET_VERIFY_RATE_LIMIT_PER_MINUTE', 12_000, 1, 10_000_000),
  };
}

async function tokenSecret(dataDir: string, env: Env): Promise<Uint8Array> {
  const given = env.SIGNET_TOKEN_SECRET?.trim();
  if (given) {
    if (given.length < 32) throw new ConfigError('SIGNET_TOKEN_SECRET', 'must be at least 32 characters');
    return new Uint8Array(Buffer.from(given, 'utf8'));
  }
  const file = join(dataDir, 'token.secret');
  if (!existsSync(file)) {
    // `wx`: if a second process won the race, read what it wrote instead.
    await writeFile(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
  }
  const text = (await readFile(file, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(text))
    throw new ConfigError('SIGNET_TOKEN_SECRET', `${file} is not 64 hex digits`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}
