import { readFileSync } from 'node:fs';
import { ConfigError, integer } from '@signet/config';
import type { MonitoringOverrides } from '@signet/domain';

/** Behaviour monitoring's configuration, read once at start-up (docs/MONITORING.md). */
export interface MonitoringSettings {
  enabled: boolean;
  /** How often the events heard are folded into the baselines (one transaction per credential). */
  flushMs: number;
  /** The rules where no active pack of the credential's jurisdiction has a `monitoring` member. */
  overrides: MonitoringOverrides | undefined;
}

export const MONITORING_SETTINGS = Symbol('MONITORING_SETTINGS');

type Env = Record<string, string | undefined>;

export function loadMonitoringSettings(env: Env = process.env): MonitoringSettings {
  const file = env.SIGNET_MONITORING_RULES?.trim();
  let overrides: MonitoringOverrides | undefined;
  if (file) {
    try {
      overrides = JSON.parse(readFileSync(file, 'utf8')) as MonitoringOverrides;
    } catch (error) {
      throw new ConfigError(
        'SIGNET_MONITORING_RULES',
        `cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
      throw new ConfigError('SIGNET_MONITORING_RULES', `${file} must hold a JSON object`);
    }
  }
  return {
    enabled: integer(env, 'SIGNET_MONITORING', 1, 0, 1) === 1,
    flushMs: integer(env, 'SIGNET_MONITORING_FLUSH_MS', 250, 10, 60_000),
    overrides,
  };
}
