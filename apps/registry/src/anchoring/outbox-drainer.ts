import type { Logger } from 'pino';
import { ChainTxStatus, isBatchDue, type BatchPolicy, type ChainWriter } from '@signet/domain';
import { buildBatch } from '@signet/formats';
import { errorText } from '@signet/chain';
import {
  LeadershipLostError,
  QUEUE_READS,
  type AnchorEffectsRepository,
  type ChainTxRepository,
  type OutboxRepository,
  type OutboxSummary,
  type TransactionRunner,
} from '@signet/persistence';
import type { StoredTx, TxSigner } from './tx-signer';
import { BATCH_KIND } from './tx-reconciler';

/** A row whose call the node refuses to estimate waits this long before it is tried again. */
const RETRY_REFUSED_MS = 5_000;

export interface DrainResult {
  batches: number;
  agreements: number;
  singles: number;
  /** Outbox rows still waiting for a transaction, for the gauge. */
  depth: number;
}

/**
 * Turns outbox rows into signed, stored, then broadcast transactions: agreements in
 * Merkle batches (bounded by size and age), everything else one row per transaction.
 */
export class OutboxDrainer {
  /** Outbox id → when to try again; in memory, since a refusal is usually an ordering issue that passes. */
  private readonly refused = new Map<string, number>();

  constructor(
    private readonly database: TransactionRunner,
    private readonly outbox: OutboxRepository,
    private readonly txs: ChainTxRepository,
    private readonly effects: AnchorEffectsRepository,
    private readonly signer: TxSigner,
    private readonly chain: ChainWriter,
    private readonly policy: BatchPolicy & { maxOpenTxs: number },
    private readonly logger: Logger,
  ) {}

  /**
   * `chainMoved`: something was mined since the last round, so refused calls may pass now.
   * `openTxs`: open transactions as the reconciler just read them (counted here if absent).
   * The loop ticks several times a second, so an idle round costs one cheap read.
   */
  async round(chainMoved = false, openTxs?: number): Promise<DrainResult> {
    if (chainMoved) this.refused.clear();
    const result: DrainResult = { batches: 0, agreements: 0, singles: 0, depth: 0 };
    let open = openTxs ?? (await this.database.connection((sql) => this.txs.countOpen(sql)));
    let summary = await this.summary();
    // Back-pressure: while the chain does not take our transactions, do not sign ever more nonces.
    while (open < this.policy.maxOpenTxs && isBatchDue(summary.agreements, this.policy)) {
      // The bound says a batch may be due; only then is the exact count (a join) worth asking.
      const pending = await this.database.transaction(
        (sql) => this.outbox.pendingAgreements(sql),
        QUEUE_READS,
      );
      if (!isBatchDue(pending, this.policy)) break;
      const sent = await this.anchorBatch();
      if (sent === 0) break;
      open += 1;
      result.batches += 1;
      result.agreements += sent;
      summary = await this.summary();
    }
    if (summary.singles > 0) {
      while (open < this.policy.maxOpenTxs && (await this.sendSingle())) {
        open += 1;
        result.singles += 1;
      }
      if (result.singles > 0) summary = await this.summary();
    }
    result.depth = summary.depth;
    return result;
  }

  private summary(): Promise<OutboxSummary> {
    return this.database.transaction((sql) => this.outbox.summary(sql), QUEUE_READS);
  }

  private async anchorBatch(): Promise<number> {
    let count = 0;
    const stored = await this.database.transaction(async (sql) => {
      const rows = await this.outbox.claimAgreements(sql, this.policy.maxSize);
      // One leaf per agreement: a duplicate outbox row rides along in the same transaction.
      const leaves = [...new Map(rows.map((r) => [r.id, r])).values()];
      if (leaves.length === 0) return null;
      const batch = buildBatch(leaves.map((l) => ({ id: l.id, recordHash: l.recordHash })));
      const ids = leaves.map((l) => l.id);
      const data = this.chain.encode({ kind: 'batch', root: batch.root, leaves });
      const tx = await this.signer.signNew(sql, BATCH_KIND, data);
      // Over the fee ceiling: nothing was written, the claim ends with this transaction.
      if (!tx) return null;
      await this.outbox.attachAgreements(sql, tx.id, ids);
      await this.effects.stampBatch(sql, tx.id, batch.root, batch.proofs);
      count = leaves.length;
      this.logger.info(
        { nonce: tx.nonce, hash: tx.hash, agreements: count, root: batch.root },
        'batch signed',
      );
      return tx;
    }, QUEUE_READS);
    if (stored) await this.send(stored);
    return count;
  }

  private async sendSingle(): Promise<boolean> {
    const now = Date.now();
    for (const [id, until] of this.refused) if (until <= now) this.refused.delete(id);
    let claimed = false;
    let held = false;
    const stored = await this.database.transaction(async (sql): Promise<StoredTx | null> => {
      const row = await this.outbox.claimSingle(sql, [...this.refused.keys()]);
      if (!row) return null;
      claimed = true;
      let tx: StoredTx | null;
      try {
        tx = await this.signer.signNew(
          sql,
          row.work.kind,
          this.chain.encode({ kind: 'single', work: row.work }),
        );
      } catch (error) {
        if (error instanceof LeadershipLostError) throw error;
        // Usually an ordering matter (a revoke estimated before its issue is mined): try later.
        this.refused.set(row.outboxId, now + RETRY_REFUSED_MS);
        this.logger.warn(
          { outboxId: row.outboxId, kind: row.work.kind, error: errorText(error) },
          'cannot sign yet',
        );
        return null;
      }
      if (!tx) {
        // Over the fee ceiling: every other row would wait too, so stop for this round.
        held = true;
        return null;
      }
      await this.outbox.attach(sql, tx.id, [row.outboxId]);
      if (row.work.kind === 'audit_checkpoint')
        await this.effects.checkpointSigned(sql, tx.id, row.work.payload.sequence);
      this.logger.info({ nonce: tx.nonce, hash: tx.hash, kind: row.work.kind }, 'transaction signed');
      return tx;
    }, QUEUE_READS);
    if (stored) await this.send(stored);
    return claimed && !held;
  }

  private async send(tx: StoredTx): Promise<void> {
    await this.database.connection((sql) => this.signer.broadcast(sql, tx, ChainTxStatus.Signed));
  }
}
