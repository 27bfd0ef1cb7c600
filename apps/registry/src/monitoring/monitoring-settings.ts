import type { MonitoringConfig } from '@signet/config';
import type { MonitoringOverrides } from '@signet/domain';

/** Behaviour monitoring's configuration, validated at start-up by libs/config (docs/MONITORING.md). */
export interface MonitoringSettings {
  enabled: boolean;
  /** How often the events heard are folded into the baselines (one transaction per credential). */
  flushMs: number;
  /** The rules where no active pack of the credential's jurisdiction has a `monitoring` member. */
  overrides: MonitoringOverrides | undefined;
}

export const MONITORING_SETTINGS = Symbol('MONITORING_SETTINGS');

/**
 * SIGNET_MONITORING_RULES has the shape of a pack's `monitoring` member; applyMonitoringOverrides
 * takes from it only the keys the default rules have.
 */
export function monitoringSettingsOf(config: MonitoringConfig): MonitoringSettings {
  return {
    enabled: config.enabled,
    flushMs: config.flushMs,
    overrides: config.rules,
  };
}
