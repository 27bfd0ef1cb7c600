import { integer, type Role } from '@signet/config';

/** Knobs of the access trail, read once from the environment at start-up. */
export interface AuditSettings {
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

export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');
export const AUDIT_LOGGER = Symbol('AUDIT_LOGGER');

type Env = Record<string, string | undefined>;

export function loadAuditSettings(env: Env = process.env): AuditSettings {
  return {
    sequenceIntervalMs: integer(env, 'SIGNET_AUDIT_SEQUENCE_MS', 200, 10, 60_000),
    checkpointEvery: integer(env, 'SIGNET_AUDIT_CHECKPOINT_EVERY', 1000, 1, 10_000_000),
    checkpointSeconds: integer(env, 'SIGNET_AUDIT_CHECKPOINT_SECONDS', 300, 1, 7 * 86_400),
    readCheckpointSeconds: integer(env, 'SIGNET_AUDIT_READ_CHECKPOINT_SECONDS', 10, 0, 7 * 86_400),
    gapGraceMs: integer(env, 'SIGNET_AUDIT_GAP_GRACE_MS', 3000, 0, 600_000),
  };
}

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
