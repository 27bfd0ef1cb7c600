import { Inject, Injectable } from '@nestjs/common';
import {
  AgreementStatus,
  PolicyPackStore,
  RetentionStore,
  scheduleRetention,
  type PolicyPackData,
  type RetentionSchedule,
  type ScheduleSource,
} from '@signet/domain';
import { RetentionBlobStore } from '@signet/storage';

type PackRetention = Pick<PolicyPackData, 'jurisdiction' | 'retention'>;

function termsOf(metadata: string | null): Record<string, unknown> | undefined {
  if (!metadata) return undefined;
  try {
    const terms = (JSON.parse(metadata) as { terms?: unknown }).terms;
    return terms && typeof terms === 'object' && !Array.isArray(terms)
      ? (terms as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Computes and stores agreements' schedules from what decided them: the packs by the hashes
 * recorded at deposit (a later activation changes no existing schedule), the end (expiry,
 * or the day of termination or rejection) and the NDA's destruction obligation.
 */
@Injectable()
export class RetentionScheduler {
  private readonly packs = new Map<string, PackRetention | null>();

  constructor(
    @Inject(RetentionStore) private readonly store: RetentionStore,
    @Inject(PolicyPackStore) private readonly packStore: PolicyPackStore,
    @Inject(RetentionBlobStore) private readonly blobs: RetentionBlobStore,
  ) {}

  /** Schedules every agreement that needs it; how many. A blob that cannot be read waits for the next run. */
  async scheduleAll(batchSize = 500): Promise<{ scheduled: number; failed: number }> {
    let scheduled = 0;
    let failed = 0;
    for (let after: string | null = null; ;) {
      const batch = await this.store.needingSchedule(after, batchSize);
      if (batch.length === 0) break;
      after = batch[batch.length - 1].agreementId;
      const outcome = await this.save(batch);
      scheduled += outcome.saved;
      failed += outcome.failed;
    }
    return { scheduled, failed };
  }

  /** Makes sure one agreement has its schedule stored (a hold, a request or a read may come first). */
  async ensure(agreementId: string): Promise<void> {
    const batch = await this.store.needingSchedule(null, 1, agreementId);
    if (batch.length > 0 && (await this.save(batch)).failed > 0) {
      throw new Error(`the sealed blob of ${agreementId} could not be read to schedule it`);
    }
  }

  private async save(batch: ScheduleSource[]): Promise<{ saved: number; failed: number }> {
    const results = await Promise.all(
      batch.map(async (source) => {
        try {
          const schedule = await this.scheduleOf(source);
          // The first time, the blob tells which key wraps it (the month it was stored in).
          const keyId = source.scheduled ? null : await this.blobs.keyIdOf(source.sealedDigest.slice(2));
          return { agreementId: source.agreementId, schedule, keyId };
        } catch {
          return null;
        }
      }),
    );
    const rows = results.filter((row) => row !== null);
    await this.store.saveSchedules(rows);
    return { saved: rows.length, failed: results.length - rows.length };
  }

  async scheduleOf(source: ScheduleSource): Promise<RetentionSchedule> {
    const terminated = source.status === AgreementStatus.Terminated;
    const ended = (terminated || source.status === AgreementStatus.Rejected) && source.endedAt;
    const packs = await Promise.all(source.packHashes.map((hash) => this.pack(hash)));
    return scheduleRetention({
      type: source.type,
      recordedAt: source.createdAt,
      endsAt: ended ? source.endedAt! : source.expiresAt,
      endKind: ended ? (terminated ? 'termination' : 'rejection') : 'expiry',
      packs: packs.filter((pack) => pack !== null),
      terms: termsOf(source.metadata),
      parentTerms: termsOf(source.parentMetadata),
    });
  }

  /** A pack's retention part, by hash (packs never change, so once read it is kept). */
  private async pack(hash: string): Promise<PackRetention | null> {
    if (!this.packs.has(hash)) {
      const record = await this.packStore.find(hash);
      const data = record ? (JSON.parse(record.files['pack.json'] ?? '{}') as PolicyPackData) : null;
      this.packs.set(hash, data ? { jurisdiction: data.jurisdiction, retention: data.retention } : null);
    }
    return this.packs.get(hash)!;
  }
}
