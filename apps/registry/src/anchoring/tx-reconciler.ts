import type { Logger } from 'pino';
import {
  ChainTxStatus,
  isStuck,
  judgeChainTx,
  type ChainHead,
  type ChainTxVerdict,
  type ChainWriter,
  type MinedReceipt,
} from '@signet/domain';
import type { FeeCeiling } from './fee-ceiling';
import type {
  AnchorEffectsRepository,
  ChainTxRecord,
  ChainTxRepository,
  OutboxRepository,
  Sql,
  TransactionRunner,
} from '@signet/persistence';
import type { TxSigner } from './tx-signer';

/** chain_transactions.kind of a recordBatch; single calls carry their outbox kind. */
export const BATCH_KIND = 'agreement_batch';
/** Only these kinds touch credentials, so only their fate is written there. */
const CREDENTIAL_KINDS = new Set(['credential_issue', 'credential_revoke']);

export interface ReconcileSettings {
  confirmations: number;
  bumpAfterMs: number;
  /** TSA_URL is set: a recorded batch's root wants a timestamp token (the timestamp worker fetches it). */
  timestamps?: boolean;
}

/** What happened in one round, for metrics and tests. */
export interface ReconcileResult {
  anchoredLagsSeconds: number[];
  /** Transactions newly mined (of any kind) this round. */
  mined: number;
  finalised: number;
  reorged: number;
  /** Open (not final) transactions when the round began. */
  open: number;
}

/**
 * Brings every open chain transaction up to date with the chain: mined, final, reorged
 * (back to sent and out again), stuck (replaced with higher fees), never sent (sent now),
 * or dropped (its nonce went elsewhere; the work goes back to the queue). It runs before
 * any new work at every start, which is what makes a crash at any point harmless.
 */
export class TxReconciler {
  private lastHead: string | null = null;
  /**
   * Stuck transactions the fee ceiling kept from being replaced at the current head. Fees
   * move only with blocks, so they are looked at again at the next block, not every tick.
   */
  private readonly heldAtHead = new Set<string>();

  constructor(
    private readonly database: TransactionRunner,
    private readonly chain: ChainWriter,
    private readonly txs: ChainTxRepository,
    private readonly outbox: OutboxRepository,
    private readonly effects: AnchorEffectsRepository,
    private readonly signer: TxSigner,
    private readonly ceiling: FeeCeiling,
    private readonly settings: ReconcileSettings,
    private readonly logger: Logger,
  ) {}

  async round(): Promise<ReconcileResult> {
    const result: ReconcileResult = { anchoredLagsSeconds: [], mined: 0, finalised: 0, reorged: 0, open: 0 };
    const open = await this.database.connection((sql) => this.txs.open(sql));
    result.open = open.length;
    this.ceiling.retain(open.filter((tx) => tx.status === ChainTxStatus.Sent).map((tx) => tx.id));
    // Nothing on its way: nothing to ask the chain (the next round with work sees a new head).
    if (open.length === 0) return result;
    // The mined nonce is read before any receipt, so a transaction mined in between
    // shows up as a receipt rather than as "someone else used the nonce".
    const minedNonce = await this.chain.minedNonce();
    const head = await this.chain.head();
    const newBlock = head.hash !== this.lastHead;
    if (newBlock) this.heldAtHead.clear();
    for (const tx of open) {
      // Without a new block nothing can be mined or reorged: only unsent and stuck ones need work.
      const replaceable = this.stuck(tx) && !this.heldAtHead.has(tx.id);
      if (!newBlock && tx.status !== ChainTxStatus.Signed && !replaceable) continue;
      await this.reconcile(tx, head, minedNonce, result);
    }
    this.lastHead = head.hash;
    return result;
  }

  private stuck(tx: ChainTxRecord): boolean {
    return tx.status === ChainTxStatus.Sent && isStuck(tx.sentAtMs, Date.now(), this.settings.bumpAfterMs);
  }

  private async reconcile(
    tx: ChainTxRecord,
    head: ChainHead,
    minedNonce: number,
    result: ReconcileResult,
  ): Promise<void> {
    let receipt: MinedReceipt | null = null;
    let canonicalBlockHash: string | null = null;
    if (tx.status === ChainTxStatus.Mined && tx.minedTxHash && tx.blockNumber !== null && tx.blockHash) {
      // A block's hash fixes its transactions: while the block we stored is canonical, the
      // receipt in it is the one we stored, and a batch's receipt (a log per agreement) is
      // not worth fetching again at every block until it is final.
      canonicalBlockHash = await this.chain.canonicalHash(tx.blockNumber);
      if (canonicalBlockHash === tx.blockHash)
        receipt = {
          txHash: tx.minedTxHash,
          blockNumber: tx.blockNumber,
          blockHash: tx.blockHash,
          succeeded: true,
          recordedLogIndexes: new Map(),
        };
    }
    if (!receipt) {
      receipt = await this.chain.findReceipt(tx.minedTxHash ? [tx.minedTxHash, ...tx.txHashes] : tx.txHashes);
      canonicalBlockHash = receipt ? await this.chain.canonicalHash(receipt.blockNumber) : null;
    }
    const verdict = judgeChainTx(
      tx,
      { receipt, canonicalBlockHash, head: head.number, minedNonce },
      this.settings.confirmations,
    );
    await this.apply(tx, verdict, receipt, result);
  }

  private async apply(
    tx: ChainTxRecord,
    verdict: ChainTxVerdict,
    receipt: MinedReceipt | null,
    result: ReconcileResult,
  ): Promise<void> {
    const log = this.logger.child({ nonce: tx.nonce, kind: tx.kind });
    switch (verdict.kind) {
      case 'wait':
        return;
      case 'mined':
        await this.database.transaction(async (sql) => {
          const wasMined = tx.status === ChainTxStatus.Mined;
          await this.txs.markMined(sql, tx, verdict, ChainTxStatus.Mined);
          if (tx.kind === BATCH_KIND) {
            const indexes = receipt?.recordedLogIndexes ?? new Map<string, number>();
            if (wasMined) await this.effects.agreementsMoved(sql, tx.id, indexes);
            else
              result.anchoredLagsSeconds.push(
                ...(await this.effects.agreementsMined(sql, tx.id, indexes, verdict)),
              );
            if (this.settings.timestamps) await this.effects.timestampWanted(sql, tx.id);
          }
          if (CREDENTIAL_KINDS.has(tx.kind)) await this.effects.credentialsMined(sql, tx.id, verdict);
        });
        result.mined += 1;
        log.info({ hash: verdict.txHash, block: verdict.blockNumber }, 'mined');
        return;
      case 'final':
        await this.database.transaction(async (sql) => {
          await this.txs.setStatus(sql, tx, ChainTxStatus.Final);
          if (tx.kind === BATCH_KIND)
            result.finalised += await this.effects.agreementsFinal(sql, tx.id, this.settings.confirmations);
        });
        return;
      case 'reorged':
        await this.database.transaction(async (sql) => {
          await this.txs.markReorged(sql, tx);
          if (tx.kind === BATCH_KIND)
            result.reorged += await this.effects.agreementsReorged(sql, tx.id, tx.blockHash);
          if (CREDENTIAL_KINDS.has(tx.kind)) await this.effects.credentialsMined(sql, tx.id, null);
        });
        log.warn(
          { lostBlock: tx.blockHash },
          'reorg: the block holding this transaction is gone; sending it again',
        );
        await this.resend(tx, ChainTxStatus.Sent);
        return;
      case 'rebroadcast':
        return this.rebroadcast(tx);
      case 'reverted':
        await this.database.transaction(async (sql) => {
          await this.txs.markMined(sql, tx, verdict, ChainTxStatus.Reverted);
          await this.release(sql, tx);
        });
        log.error({ hash: verdict.txHash }, 'transaction reverted; agreements go back to the queue');
        return;
      case 'dropped':
        await this.database.transaction(async (sql) => {
          await this.txs.setStatus(sql, tx, ChainTxStatus.Dropped);
          await this.release(sql, tx);
        });
        log.error('the nonce was used by a transaction that is not ours; work goes back to the queue');
        return;
    }
  }

  /** Agreements go into a new batch; the rare single calls are left for an operator (they failed on chain). */
  private async release(sql: Sql, tx: ChainTxRecord): Promise<void> {
    await this.effects.agreementsReleased(sql, tx.id);
    await this.outbox.detach(sql, tx.id, 'agreement');
  }

  private async rebroadcast(tx: ChainTxRecord): Promise<void> {
    if (this.stuck(tx)) {
      const replacement = await this.database.transaction((sql) => this.signer.signReplacement(sql, tx));
      if (replacement) {
        this.logger.warn({ nonce: tx.nonce, hash: replacement.hash }, 'stuck; replaced with higher fees');
        await this.database.connection((sql) => this.signer.broadcast(sql, replacement, tx.status));
        return;
      }
      // The fee ceiling leaves no room: the stored transaction keeps waiting (and is put back below if lost).
      this.heldAtHead.add(tx.id);
    }
    const current = tx.txHashes[tx.txHashes.length - 1];
    // A node forgets pool transactions (restart, reorg, eviction): put ours back.
    if (tx.status === ChainTxStatus.Signed || !(await this.chain.knows(current)))
      await this.resend(tx, tx.status);
  }

  private async resend(tx: ChainTxRecord, status: ChainTxStatus): Promise<void> {
    const stored = { id: tx.id, nonce: tx.nonce, raw: tx.rawTx, hash: tx.txHashes[tx.txHashes.length - 1] };
    await this.database.connection((sql) => this.signer.broadcast(sql, stored, status));
  }
}
