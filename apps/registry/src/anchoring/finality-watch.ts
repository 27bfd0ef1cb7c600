import type { Counter } from 'prom-client';
import type { Logger } from 'pino';
import { deepReorgFinding, type ChainWriter } from '@signet/domain';
import type {
  AnchorEffectsRepository,
  ChainTxRecord,
  ChainTxRepository,
  ServiceFindingsRepository,
  TransactionRunner,
} from '@signet/persistence';
import { BATCH_KIND } from './tx-reconciler';

/** How many of the latest final transactions are watched for a reorg deeper than CONFIRMATIONS. */
const WATCHED_FINAL_TXS = 256;

/**
 * A reorg deeper than CONFIRMATIONS takes away blocks whose transactions were already final
 * (a chain without fast finality; or an anvil that lost its last second of state). Such a
 * transaction is put back to `mined` and its agreements back to ANCHORED, so the
 * reconciler's ordinary reorg path takes over: it finds the transaction in its new block,
 * or sends the same stored bytes again at the same nonce. Each case is an operator alert:
 * receipts handed out for the lost block no longer match the chain (docs/ANCHORING.md). The
 * alert is a `chain.reorg` finding, written in the transaction that reopens, so there is one
 * finding per reopened transaction even with two workers watching.
 *
 * A block's hash fixes its parent, so while the newest watched block is canonical all older
 * ones are too: one RPC call per check in the common case.
 */
export class FinalityWatch {
  constructor(
    private readonly database: TransactionRunner,
    private readonly chain: ChainWriter,
    private readonly txs: ChainTxRepository,
    private readonly effects: AnchorEffectsRepository,
    private readonly deepReorgs: Counter,
    private readonly logger: Logger,
    private readonly findings: ServiceFindingsRepository,
    private readonly confirmations: number,
  ) {}

  /** The number of final transactions reopened. */
  async check(): Promise<number> {
    const finals = await this.database.connection((sql) => this.txs.latestFinal(sql, WATCHED_FINAL_TXS));
    const lost: Array<ChainTxRecord & { blockNumber: number; blockHash: string }> = [];
    const checked = new Map<number, string | null>();
    for (const tx of finals) {
      if (tx.blockNumber === null || tx.blockHash === null) continue;
      if (!checked.has(tx.blockNumber))
        checked.set(tx.blockNumber, await this.chain.canonicalHash(tx.blockNumber));
      if (checked.get(tx.blockNumber) === tx.blockHash) break;
      lost.push({ ...tx, blockNumber: tx.blockNumber, blockHash: tx.blockHash });
    }
    for (const tx of lost) {
      const agreements = await this.database.transaction(async (sql) => {
        if (!(await this.txs.reopenFinal(sql, tx.id))) return 0;
        const moved =
          tx.kind === BATCH_KIND ? await this.effects.agreementsUnfinal(sql, tx.id, tx.blockHash) : 0;
        const canonicalBlock = checked.get(tx.blockNumber) ?? null;
        const finding = deepReorgFinding(
          { ...tx, txHash: tx.minedTxHash, lostBlock: tx.blockHash, canonicalBlock, agreements: moved },
          this.confirmations,
        );
        await this.findings.record(sql, finding);
        return moved;
      });
      this.deepReorgs.inc();
      this.logger.error(
        {
          alert: 'deep_reorg',
          nonce: tx.nonce,
          kind: tx.kind,
          hash: tx.minedTxHash,
          lostBlock: tx.blockHash,
          blockNumber: tx.blockNumber,
          agreements,
        },
        'deep reorg: a FINAL transaction left the canonical chain; its receipts are void until it is anchored again',
      );
    }
    return lost.length;
  }
}
