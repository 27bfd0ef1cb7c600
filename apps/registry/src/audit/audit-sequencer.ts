import { Inject, Injectable } from '@nestjs/common';
import {
  AUDIT_GENESIS,
  auditLinkOf,
  AuditSequencing,
  type AuditFields,
  type SequencingRound,
} from '@signet/domain';
import { AUDIT_SETTINGS, type AuditSettings } from './audit-settings';

/** Rows sequenced per round; a backlog drains over several rounds. */
const BATCH = 500;

export interface SequencerRound {
  /** False when another sequencer held the lock and this round did nothing. */
  ran: boolean;
  sequenced: number;
  head: { seq: number; hash: string } | null;
  checkpoint: { sequence: number; head: string } | null;
}

/**
 * Gives appended audit rows (seq IS NULL) their place in the hash chain, and queues a
 * checkpoint of the head for the chain when one is due.
 *
 * One sequencer at a time, across processes: each round runs in one transaction under a
 * transaction-scoped advisory lock (AuditSequencing), so the lock can never outlive a crashed round.
 *
 * Order: rows are taken in id order, but ids are drawn before commit, so a lower id may
 * still be in flight when a higher one is visible. A round stops at the first hole in the
 * ids whose next row is younger than `gapGraceMs`, giving the in-flight transaction time
 * to commit; past that the hole is taken to be a rollback (which also leaves holes). A row
 * that commits even later is not lost: every round takes all unsequenced rows, so it gets
 * the next place — the chain order is then commit-ish rather than id order, which the
 * chain's integrity does not depend on.
 */
@Injectable()
export class AuditSequencer {
  constructor(
    @Inject(AuditSequencing) private readonly sequencing: AuditSequencing,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {}

  /**
   * One round. `wait`: block for the lock (a reader that must see its own access) instead
   * of skipping the round when another sequencer is busy.
   */
  async round(wait = false): Promise<SequencerRound> {
    const done = await this.sequencing.round(wait, async (round) => {
      const { sequenced, head } = await this.sequence(round);
      const checkpoint = head ? await this.checkpointIfDue(round, head) : null;
      return { ran: true, sequenced, head, checkpoint };
    });
    return done ?? { ran: false, sequenced: 0, head: null, checkpoint: null };
  }

  private async sequence(
    round: SequencingRound,
  ): Promise<{ sequenced: number; head: { seq: number; hash: string } | null }> {
    const last = await round.head();
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? AUDIT_GENESIS;
    const links: Array<{ id: string; seq: number; prevHash: string; hash: string }> = [];
    for (const candidate of await round.candidates(BATCH)) {
      // A young hole before this row: its owner may still commit; keep the id order for now.
      if (!candidate.hasPrevious && candidate.ageMs < this.settings.gapGraceMs) break;
      seq += 1;
      const fields: AuditFields = { ...candidate.fields, seq };
      const link = auditLinkOf(fields, prev);
      links.push({ id: candidate.id, seq, prevHash: prev, hash: link.hash });
      prev = link.hash;
    }
    await round.assign(links);
    return { sequenced: links.length, head: seq > 0 ? { seq, hash: prev } : null };
  }

  /**
   * Every `checkpointEvery` events, or `checkpointSeconds` after the first uncheckpointed one,
   * or `readCheckpointSeconds` after the first uncheckpointed read of sealed text.
   */
  private async checkpointIfDue(
    round: SequencingRound,
    head: { seq: number; hash: string },
  ): Promise<{ sequence: number; head: string } | null> {
    const covered = await round.lastCheckpointSeq();
    if (head.seq <= covered) return null;
    let due = head.seq - covered >= this.settings.checkpointEvery;
    if (!due) {
      // A read of sealed text is what parties most need proven, so it is checkpointed soon.
      const ages = await round.uncheckpointedAges(covered, head.seq);
      due =
        ages.ageMs >= this.settings.checkpointSeconds * 1000 ||
        (ages.readAgeMs ?? -1) >= this.settings.readCheckpointSeconds * 1000;
    }
    if (!due) return null;
    // The anchor worker sends the outbox row and links its transaction to this checkpoint row.
    await round.insertCheckpoint(head.seq, head.hash);
    return { sequence: head.seq, head: head.hash };
  }
}
