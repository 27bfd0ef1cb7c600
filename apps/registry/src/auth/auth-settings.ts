import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type AuthConfig, type RateLimitStoreKind } from '@signet/config';

/** Authentication and rate-limit settings: the validated config (libs/config), with the token secret's bytes. */
export interface AuthSettings {
  /** HS256 key of the access tokens. Secret: never logged. */
  tokenSecret: Uint8Array;
  tokenTtlSeconds: number;
  challengeTtlSeconds: number;
  /** Cost points per minute per credential (GraphQL), or requests per minute per HTTP route. */
  rateLimitPerMinute: number;
  /** Cost points per minute per address for a caller without a credential (public verification). */
  verifyRateLimitPerMinute: number;
  /** Where the rate-limit windows live (rate-window.provider.ts). */
  rateLimitStore: RateLimitStoreKind;
  /** REDIS_URL, for the `redis` store. May hold a password: never logged. */
  redisUrl?: string;
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

/**
 * The token secret comes from SIGNET_TOKEN_SECRET (API replicas must share it) or is
 * created once in the data dir, so tokens survive a restart of a single instance.
 */
export async function loadAuthSettings(dataDir: string, config: AuthConfig): Promise<AuthSettings> {
  return { ...config, tokenSecret: await tokenSecret(dataDir, config.tokenSecret) };
}

async function tokenSecret(dataDir: string, given: string | undefined): Promise<Uint8Array> {
  if (given) return new Uint8Array(Buffer.from(given, 'utf8'));
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
