import type { Logger } from 'pino';
import { ChainTxStatus, nextNonce, paddedGasLimit, type ChainWriter } from '@signet/domain';
import type { FeeCeiling } from './fee-ceiling';
import type { ChainTxRecord, ChainTxRepository, LeaderLock, Sql } from '@signet/persistence';

export interface StoredTx {
  id: string;
  nonce: number;
  raw: string;
  hash: string;
}

/**
 * Signing and sending, in the order that makes them exactly-once: a transaction is signed
 * and stored (nonce, raw bytes, hash) inside the caller's database transaction, and only
 * broadcast after that commits. Whatever crashes, the database knows every transaction
 * that may be on chain, and re-sending stored bytes can never create a second one.
 */
export class TxSigner {
  constructor(
    private readonly chain: ChainWriter,
    private readonly txs: ChainTxRepository,
    private readonly lock: LeaderLock,
    private readonly ceiling: FeeCeiling,
    private readonly logger: Logger,
  ) {}

  /**
   * Call inside a transaction that also claims the work; broadcast after it commits.
   * Null: the network asks more than the fee ceiling, so nothing is signed or stored and
   * the work stays in the outbox for a later round.
   */
  async signNew(sql: Sql, kind: string, data: string): Promise<StoredTx | null> {
    await this.lock.assertHeldWithin(sql);
    const fees = this.ceiling.forNew(await this.chain.networkFees());
    if (!fees) return null;
    const gasLimit = paddedGasLimit(await this.chain.estimateGas(data));
    const nonce = nextNonce(await this.chain.pendingNonce(), await this.txs.highestNonce(sql));
    const signed = this.chain.sign({ nonce, calldata: data, gasLimit, fees });
    // The unique index on nonce is the last guard should two writers ever get this far.
    const id = await this.txs.insert(sql, {
      kind,
      nonce,
      calldata: data,
      rawTx: signed.raw,
      hash: signed.hash,
      fees,
      gasLimit,
    });
    return { id, nonce, raw: signed.raw, hash: signed.hash };
  }

  /**
   * Same nonce, same calldata, fees up ≥12.5% (within the ceiling): stored before it is
   * sent, like the first one. Null: the ceiling leaves no room for a bump the node would
   * take, so the stored transaction stays as it is.
   */
  async signReplacement(sql: Sql, tx: ChainTxRecord): Promise<StoredTx | null> {
    await this.lock.assertHeldWithin(sql);
    const fees = this.ceiling.forReplacement(tx.id, tx.nonce, tx.fees, await this.chain.networkFees());
    if (!fees) return null;
    const signed = this.chain.sign({ nonce: tx.nonce, calldata: tx.calldata, gasLimit: tx.gasLimit, fees });
    await this.txs.replace(sql, tx.id, signed.raw, signed.hash, fees);
    return { id: tx.id, nonce: tx.nonce, raw: signed.raw, hash: signed.hash };
  }

  /**
   * Sends stored bytes. "already known" and "nonce too low" are not errors here: the
   * transaction or its sibling is already out, and the next reconcile finds the receipt.
   */
  async broadcast(sql: Sql, tx: StoredTx, status: ChainTxStatus): Promise<boolean> {
    const { outcome, detail } = await this.chain.broadcast(tx.raw);
    if (outcome === 'accepted' || outcome === 'known') {
      if (status === ChainTxStatus.Signed) await this.txs.markSent(sql, tx.id);
      return true;
    }
    this.logger.warn({ nonce: tx.nonce, hash: tx.hash, outcome, detail }, 'broadcast refused; will re-check');
    return false;
  }
}
