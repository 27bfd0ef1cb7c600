import type { Caller } from '../access/caller';
import type { AgreementStatus } from '../agreements/agreement-status';
import type { RetentionSchedule } from '../retention/retention-schedule';

/** What an agreement's schedule is computed from. */
export interface ScheduleSource {
  agreementId: string;
  type: string;
  status: AgreementStatus;
  createdAt: Date;
  expiresAt: Date;
  /** When it was terminated or rejected, if it was. */
  endedAt: Date | null;
  /** Canonical metadata JSON (its `terms`), and the parent's when it has one. */
  metadata: string;
  parentMetadata: string | null;
  /** The packs that decided its deposit (none before packs existed). */
  packHashes: string[];
  sealedDigest: string;
  /** False the first time: the blob's key is then read from the blob itself. */
  scheduled: boolean;
}

export type RetentionState = 'SCHEDULED' | 'SHREDDING' | 'SHREDDED';
export type ShredReason = 'schedule' | 'destruction-request';

export interface RetentionRecord extends RetentionSchedule {
  agreementId: string;
  state: RetentionState;
  held: boolean;
  /** The retention key the blob is wrapped under, as last confirmed (null: not wrapped). */
  keyId: string | null;
  /** A re-wrap under way: the blob may already be under this key. */
  pendingKeyId: string | null;
  shreddedAt: Date | null;
  /** The preimage of the SHREDDED event's detail (docs/FORMATS.md), and its hash. */
  shredEvidence: Record<string, unknown> | null;
  shredDetail: string | null;
}

export interface LegalHoldRecord {
  id: string;
  agreementId: string;
  placedBy: string;
  placedByRole: string;
  reason: string;
  placedAt: Date;
  liftedBy: string | null;
  liftReason: string | null;
  liftedAt: Date | null;
}

/** A kept blob whose key may have to change: a hold came, or it must move to its epoch. */
export interface RewrapCandidate {
  agreementId: string;
  sealedDigest: string;
  destroyAt: Date;
  held: boolean;
  keyId: string | null;
}

/** An agreement the job has committed to shred (state SHREDDING): resumed after a crash. */
export interface ShredItem {
  agreementId: string;
  sealedDigest: string;
  status: AgreementStatus;
  keyId: string | null;
  pendingKeyId: string | null;
  wrapKeyIds: string[];
  reason: ShredReason;
  rule: string;
  destroyAt: Date;
}

export interface CompletedShred {
  agreementId: string;
  from: AgreementStatus;
  evidence: Record<string, unknown>;
  detail: string;
}

export interface KeptAgreement {
  agreementId: string;
  keptBy: 'hold' | 'minimum';
  destroyAt: Date;
  rule: string;
}

export interface DestructionRequest {
  agreementId: string;
  signatures: Array<{ credentialId: string; signature: string }>;
  caller: Caller;
  now: Date;
}

/** Schedules, holds and the shredding record, on the transactional store (PostgreSQL). */
export abstract class RetentionStore {
  /**
   * Agreements without a schedule, or whose end changed (terminated, rejected), after
   * `after` in id order; with `only`, just that agreement if it needs one.
   */
  abstract needingSchedule(after: string | null, limit: number, only?: string): Promise<ScheduleSource[]>;
  /** Writes schedules; `keyId` (read from the blob) is kept only when the row is new. */
  abstract saveSchedules(
    rows: Array<{ agreementId: string; schedule: RetentionSchedule; keyId: string | null }>,
  ): Promise<void>;
  abstract find(agreementId: string): Promise<RetentionRecord | null>;
  abstract holds(agreementId: string): Promise<LegalHoldRecord[]>;
  /** SCHEDULED rows that are held or not yet due, after `after` in id order. */
  abstract rewrapCandidates(now: Date, after: string | null, limit: number): Promise<RewrapCandidate[]>;
  /** Records the key a re-wrap is about to write, before the blob is rewritten. */
  abstract beginRewrap(agreementId: string, keyId: string): Promise<void>;
  abstract endRewrap(agreementId: string, keyId: string): Promise<void>;
  /**
   * Moves due, unheld, shreddable rows to SHREDDING (up to `limit`) and returns them with
   * those left SHREDDING by an earlier, interrupted run.
   */
  abstract claimDue(now: Date, limit: number): Promise<ShredItem[]>;
  /**
   * In one transaction: wraps deleted, status SHREDDED (status change, audit event, anchor
   * queued), the row SHREDDED with its evidence. Returns the ids that moved.
   */
  abstract completeShreds(shreds: CompletedShred[], now: Date): Promise<string[]>;
  /** What the job left standing although due: held past its date, or kept by a pack's minimum past its end. */
  abstract kept(now: Date, limit: number): Promise<KeptAgreement[]>;
  /** Runs `work` while no other retention run does (any process): key destruction needs a still world. */
  abstract exclusively<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Every key a blob not yet shredded is (or may be) wrapped under, and how many
   * agreements recorded before `before` have no schedule yet (their keys are unknown).
   */
  abstract keysInUse(before: Date): Promise<{ keyIds: Set<string>; unscheduled: number }>;
  /** Places a hold (with its audit event); 'gone' when the agreement is shredded or being shredded. */
  abstract placeHold(agreementId: string, caller: Caller, reason: string): Promise<LegalHoldRecord | 'gone'>;
  /** Lifts the caller's active holds (a court's: every active hold); the lifted ones. */
  abstract liftHolds(agreementId: string, caller: Caller, reason: string): Promise<LegalHoldRecord[]>;
  /** The parties' request: the schedule becomes `now` unless held ('held'), with its audit event. */
  abstract requestDestruction(request: DestructionRequest): Promise<'accepted' | 'held' | 'gone'>;
}
