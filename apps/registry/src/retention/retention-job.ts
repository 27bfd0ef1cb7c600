import { Inject, Injectable } from '@nestjs/common';
import {
  Clock,
  EPOCH_GRACE_MS,
  KeyVault,
  RetentionStore,
  keyMayBeDestroyed,
  wantedKeyId,
  type CompletedShred,
  type KeptAgreement,
  type ShredItem,
} from '@signet/domain';
import { shreddedDetail, type ShredEvidence } from '@signet/formats';
import { RetentionBlobStore } from '@signet/storage';
import { RetentionScheduler } from './retention-scheduler';

const BATCH = 200;
const PARALLEL = 8;

export interface RetentionRunReport {
  at: Date;
  scheduled: number;
  rewrapped: number;
  shredded: string[];
  keysDestroyed: string[];
  kept: KeptAgreement[];
  /** Items that failed (storage unreachable …): left as they were, retried by the next run. */
  failures: number;
  /** Why no key was destroyed, when none could be. */
  keysSkipped?: string;
}

/** Runs `work` over `items`, at most `limit` at a time; the failures, counted. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<number> {
  let failures = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        await work(item).catch(() => failures++);
      }
    }),
  );
  return failures;
}

/**
 * The retention job (docs/RETENTION.md), one run at a time across every process:
 * 1. schedule the agreements that have none (or whose end changed);
 * 2. re-wrap kept blobs under the key they belong to: a hold's, else their destruction
 *    month's — so a held blob leaves its epoch before that epoch's key can go;
 * 3. shred what is due and not held: SHREDDING is committed first, then every blob version
 *    deleted, then wraps, status, anchor, audit and webhook in one transaction — a run
 *    killed anywhere leaves SHREDDING rows the next run finishes, and nothing twice;
 * 4. destroy the keys no kept blob is (or may be) wrapped under.
 */
@Injectable()
export class RetentionJob {
  constructor(
    @Inject(RetentionStore) private readonly store: RetentionStore,
    @Inject(RetentionScheduler) private readonly scheduler: RetentionScheduler,
    @Inject(RetentionBlobStore) private readonly blobs: RetentionBlobStore,
    @Inject(KeyVault) private readonly vault: KeyVault,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  run(): Promise<RetentionRunReport> {
    return this.store.exclusively(() => this.runAlone());
  }

  private async runAlone(): Promise<RetentionRunReport> {
    const at = this.clock.now();
    const { scheduled, failed } = await this.scheduler.scheduleAll();
    const rewrap = await this.rewrapAll(at);
    const shred = await this.shredDue(at);
    const keys = await this.destroyKeys(at);
    return {
      at,
      scheduled,
      rewrapped: rewrap.rewrapped,
      shredded: shred.shredded,
      keysDestroyed: keys.destroyed,
      kept: await this.store.kept(at, 100),
      failures: failed + rewrap.failures + shred.failures,
      ...(keys.skipped ? { keysSkipped: keys.skipped } : {}),
    };
  }

  private async rewrapAll(now: Date): Promise<{ rewrapped: number; failures: number }> {
    let rewrapped = 0;
    let failures = 0;
    for (let after: string | null = null; ;) {
      const batch = await this.store.rewrapCandidates(now, after, BATCH);
      if (batch.length === 0) break;
      after = batch[batch.length - 1].agreementId;
      const moves = batch.filter((row) => row.keyId !== wantedKeyId(row, now));
      failures += await eachLimited(moves, PARALLEL, async (row) => {
        const keyId = wantedKeyId(row, now);
        // Recorded first: until the row names the new key, that key counts as in use.
        await this.store.beginRewrap(row.agreementId, keyId);
        if (await this.blobs.rewrap(row.sealedDigest.slice(2), keyId)) {
          await this.store.endRewrap(row.agreementId, keyId);
          rewrapped++;
        }
      });
    }
    return { rewrapped, failures };
  }

  private async shredDue(now: Date): Promise<{ shredded: string[]; failures: number }> {
    const shredded: string[] = [];
    let failures = 0;
    const tried = new Set<string>();
    for (;;) {
      const items = (await this.store.claimDue(now, BATCH)).filter((item) => !tried.has(item.agreementId));
      if (items.length === 0) break;
      items.forEach((item) => tried.add(item.agreementId));
      const gone: CompletedShred[] = [];
      failures += await eachLimited(items, PARALLEL, async (item) => {
        await this.blobs.destroy(item.sealedDigest.slice(2));
        gone.push(this.completed(item, now));
      });
      shredded.push(...(await this.store.completeShreds(gone, now)));
    }
    return { shredded, failures };
  }

  private completed(item: ShredItem, now: Date): CompletedShred {
    const evidence: ShredEvidence = {
      version: 'signet-shredded/1',
      agreementId: item.agreementId,
      sealedDigest: item.sealedDigest,
      retentionKey: item.keyId,
      wraps: [...item.wrapKeyIds].sort(),
      reason: item.reason,
      rule: item.rule,
      destroyAt: item.destroyAt.toISOString(),
      shreddedAt: now.toISOString(),
    };
    return {
      agreementId: item.agreementId,
      from: item.status,
      evidence: { ...evidence },
      detail: shreddedDetail(evidence),
    };
  }

  private async destroyKeys(now: Date): Promise<{ destroyed: string[]; skipped?: string }> {
    const { keyIds, unscheduled } = await this.store.keysInUse(new Date(now.getTime() - EPOCH_GRACE_MS));
    if (unscheduled > 0) {
      return {
        destroyed: [],
        skipped: `${unscheduled} agreement(s) have no schedule yet: their keys are unknown`,
      };
    }
    const destroyed: string[] = [];
    for (const keyId of await this.vault.list()) {
      if (keyIds.has(keyId) || !keyMayBeDestroyed(keyId, now)) continue;
      await this.vault.destroy(keyId);
      destroyed.push(keyId);
    }
    return { destroyed };
  }
}
