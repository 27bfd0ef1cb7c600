import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';
import { integer, text, type Env } from './env-readers';

/** Behaviour monitoring's knobs (docs/MONITORING.md). */
export interface MonitoringConfig {
  /** SIGNET_MONITORING=0 turns it off. */
  enabled: boolean;
  /** How often the events heard are folded into the baselines (one transaction per credential). */
  flushMs: number;
  /**
   * SIGNET_MONITORING_RULES, read and parsed at start-up: the rules where no active pack of the
   * credential's jurisdiction has a `monitoring` member. Its members are checked where they are used.
   */
  rules?: Record<string, unknown>;
}

export function monitoringConfig(env: Env): MonitoringConfig {
  const file = text(env, 'SIGNET_MONITORING_RULES');
  let rules: unknown;
  if (file) {
    try {
      rules = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        'SIGNET_MONITORING_RULES',
        `cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules))
      throw new ConfigError('SIGNET_MONITORING_RULES', `${file} must hold a JSON object`);
  }
  return {
    enabled: integer(env, 'SIGNET_MONITORING', 1, 0, 1) === 1,
    flushMs: integer(env, 'SIGNET_MONITORING_FLUSH_MS', 250, 10, 60_000),
    ...(rules === undefined ? {} : { rules: rules as Record<string, unknown> }),
  };
}
