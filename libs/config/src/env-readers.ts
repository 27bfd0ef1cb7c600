import { ConfigError } from './config-error';

/** The environment as Signet reads it. */
export type Env = Record<string, string | undefined>;

export function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A whole-number setting within [min, max], or `fallback` when unset; a bad value names its variable. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * An amount in gwei as a decimal ("40", "0.5"), returned in wei; undefined when unset. Nine
 * decimals at most (a wei), and more than zero: a ceiling of nothing would stop anchoring.
 */
export function gwei(env: Env, name: string): bigint | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(raw);
  if (!match) throw new ConfigError(name, `must be an amount in gwei such as 40 or 0.5, got "${raw}"`);
  const wei = BigInt(match[1]) * 1_000_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
  if (wei === 0n) throw new ConfigError(name, 'must be more than 0 gwei');
  return wei;
}

export function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}
