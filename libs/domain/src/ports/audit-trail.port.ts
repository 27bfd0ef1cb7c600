import type { AuditFields, AuditLink } from '../audit/audit-chain';

/** An event's fields; seq is null while it waits for the sequencer. */
export type StoredFields = Omit<AuditFields, 'seq'> & { seq: number | null };
/** One stored event: its fields (seq null while it waits for the sequencer) and its link. */
export interface StoredAuditEvent {
  fields: StoredFields;
  prevHash: string | null;
  hash: string | null;
}

/** A link of the chain, with the event's fields only when the reader may see them. */
export interface ServedLink extends AuditLink {
  event: StoredAuditEvent | null;
}

export interface StoredCheckpoint {
  sequence: number;
  head: string;
  txHash: string | null;
  blockNumber: number | null;
}

/** Reads of the access trail. Every agreement-scoped read is checked by the use case first. */
export abstract class AuditTrailRepository {
  /** The agreement's events, in chain order, the not yet sequenced last. */
  abstract eventsOf(agreementId: string): Promise<StoredAuditEvent[]>;
  /**
   * Links `fromSeq … fromSeq + limit - 1`. The fields hash is computed from the row as
   * stored now, so an edited row no longer recomputes to its stored hash; only the
   * `reveal` agreement's events carry their fields.
   */
  abstract links(fromSeq: number, limit: number, reveal: string): Promise<ServedLink[]>;
  abstract head(): Promise<{ seq: number; hash: string } | null>;
  /** Checkpoints whose transaction is mined, newest first (what Signet believes is on chain). */
  abstract minedCheckpoints(): Promise<StoredCheckpoint[]>;
}

/** An unsequenced event, as the sequencer takes it. */
export interface SequencingCandidate {
  id: string;
  fields: Omit<AuditFields, 'seq'>;
  /** Whether the row just before it in id order exists (no hole before it). */
  hasPrevious: boolean;
  ageMs: number;
}

/** What one sequencing round may do, inside its transaction and under the sequencer's lock. */
export interface SequencingRound {
  head(): Promise<{ seq: number; hash: string } | null>;
  /** The oldest unsequenced events, in id order. */
  candidates(limit: number): Promise<SequencingCandidate[]>;
  /** Gives each row its place once (the append-only trigger allows exactly that). */
  assign(links: Array<{ id: string; seq: number; prevHash: string; hash: string }>): Promise<void>;
  lastCheckpointSeq(): Promise<number>;
  /**
   * Ages (ms) of the oldest event after `covered` and of the oldest read of sealed text
   * after it (null when there is none), among events up to `head`.
   */
  uncheckpointedAges(covered: number, head: number): Promise<{ ageMs: number; readAgeMs: number | null }>;
  /** A checkpoint row and its outbox row (the anchor worker sends it). */
  insertCheckpoint(sequence: number, head: string): Promise<void>;
}

/** The sequencer's side of the trail: one round at a time, across processes. */
export abstract class AuditSequencing {
  /**
   * Runs `work` in one transaction under a transaction-scoped advisory lock, so the lock can
   * never outlive a crashed round; null without running it when another sequencer holds the
   * lock and `wait` is false.
   */
  abstract round<T>(wait: boolean, work: (round: SequencingRound) => Promise<T>): Promise<T | null>;
}
