import type { AuditConfig, Role } from '@signet/config';

/** Knobs of the access trail: the validated config (libs/config, SIGNET_AUDIT_*). */
export type AuditSettings = AuditConfig;

export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');
export const AUDIT_LOGGER = Symbol('AUDIT_LOGGER');

/** How often an API process sequences beside a worker: a fallback, should no worker run. */
export const API_FALLBACK_SEQUENCE_MS = 5_000;

/**
 * Sequencing is background work, so the process that does the background work does it: a
 * worker (or an `all` process) every `sequenceIntervalMs`. An API process beside it only
 * steps in if the worker is down; its event loop serves deposits, and a round of hashing
 * hundreds of events held them up. A reader that must see its own access still sequences
 * on demand, in any role.
 */
export function sequencingCadence(settings: AuditSettings, role: Role): AuditSettings {
  if (role !== 'api') return settings;
  return { ...settings, sequenceIntervalMs: Math.max(settings.sequenceIntervalMs, API_FALLBACK_SEQUENCE_MS) };
}
