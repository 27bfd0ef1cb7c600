import { assertChainTxTransition, ChainTxStatus, OPEN_CHAIN_TX_STATUSES, type Fees } from '@signet/domain';
import type { Sql } from '../sql';

/** A chain_transactions row as the worker reads it. */
export interface ChainTxRecord {
  id: string;
  kind: string;
  nonce: number;
  calldata: string;
  rawTx: string;
  txHashes: string[];
  fees: Fees;
  gasLimit: bigint;
  status: ChainTxStatus;
  minedTxHash: string | null;
  blockNumber: number | null;
  blockHash: string | null;
  sentAtMs: number;
}

interface ChainTxSqlRow {
  id: string;
  kind: string;
  nonce: number;
  calldata: string;
  raw_tx: string;
  tx_hashes: string[];
  max_fee_per_gas: string;
  max_priority_fee_per_gas: string;
  gas_limit: string;
  status: ChainTxStatus;
  mined_tx_hash: string | null;
  block_number: string | null;
  block_hash: string | null;
  sent_at_ms: string;
}

const COLUMNS = `id, kind, nonce, calldata, raw_tx, tx_hashes, max_fee_per_gas, max_priority_fee_per_gas,
  gas_limit, status, mined_tx_hash, block_number, block_hash,
  (extract(epoch from sent_at) * 1000)::bigint as sent_at_ms`;

function toRecord(row: ChainTxSqlRow): ChainTxRecord {
  return {
    id: row.id,
    kind: row.kind,
    nonce: row.nonce,
    calldata: row.calldata,
    rawTx: row.raw_tx,
    txHashes: row.tx_hashes,
    fees: {
      maxFeePerGas: BigInt(row.max_fee_per_gas),
      maxPriorityFeePerGas: BigInt(row.max_priority_fee_per_gas),
    },
    gasLimit: BigInt(row.gas_limit),
    status: row.status,
    minedTxHash: row.mined_tx_hash,
    blockNumber: row.block_number === null ? null : Number(row.block_number),
    blockHash: row.block_hash,
    sentAtMs: Number(row.sent_at_ms),
  };
}

export interface NewChainTx {
  kind: string;
  nonce: number;
  calldata: string;
  rawTx: string;
  hash: string;
  fees: Fees;
  gasLimit: bigint;
}

/** chain_transactions: one row per nonce of the anchoring key. */
export class ChainTxRepository {
  async open(sql: Sql): Promise<ChainTxRecord[]> {
    const rows = await sql.rows<ChainTxSqlRow>(
      `select ${COLUMNS} from chain_transactions where status = any($1) order by nonce`,
      [OPEN_CHAIN_TX_STATUSES],
    );
    return rows.map(toRecord);
  }

  async countOpen(sql: Sql): Promise<number> {
    const row = await sql.one<{ n: number }>(
      'select count(*)::int as n from chain_transactions where status = any($1)',
      [OPEN_CHAIN_TX_STATUSES],
    );
    return row?.n ?? 0;
  }

  async highestNonce(sql: Sql): Promise<number | null> {
    const row = await sql.one<{ n: number | null }>('select max(nonce) as n from chain_transactions');
    return row?.n ?? null;
  }

  async insert(sql: Sql, tx: NewChainTx): Promise<string> {
    const row = await sql.one<{ id: string }>(
      `insert into chain_transactions (kind, nonce, calldata, raw_tx, tx_hashes, max_fee_per_gas,
         max_priority_fee_per_gas, gas_limit, status)
       values ($1, $2, $3, $4, array[$5], $6, $7, $8, $9) returning id`,
      [
        tx.kind,
        tx.nonce,
        tx.calldata,
        tx.rawTx,
        tx.hash,
        tx.fees.maxFeePerGas.toString(),
        tx.fees.maxPriorityFeePerGas.toString(),
        tx.gasLimit.toString(),
        ChainTxStatus.Signed,
      ],
    );
    if (!row) throw new Error('inserting a chain transaction returned no id');
    return row.id;
  }

  /** A fee bump: the new raw transaction replaces the old one at the same nonce; every hash is kept. */
  async replace(sql: Sql, id: string, rawTx: string, hash: string, fees: Fees): Promise<void> {
    await sql.run(
      `update chain_transactions set raw_tx = $2, tx_hashes = array_append(tx_hashes, $3),
         max_fee_per_gas = $4, max_priority_fee_per_gas = $5, sent_at = now() where id = $1`,
      [id, rawTx, hash, fees.maxFeePerGas.toString(), fees.maxPriorityFeePerGas.toString()],
    );
  }

  async markSent(sql: Sql, id: string): Promise<void> {
    assertChainTxTransition(ChainTxStatus.Signed, ChainTxStatus.Sent);
    // Not an error when it matched nothing: a receipt may already have moved the row on.
    await sql.run(
      `update chain_transactions set status = $2, sent_at = now() where id = $1 and status = $3`,
      [id, ChainTxStatus.Sent, ChainTxStatus.Signed],
    );
  }

  /** In a block: `mined`, or `reverted` when the call failed there. */
  async markMined(
    sql: Sql,
    tx: StatusOf,
    at: { txHash: string; blockNumber: number; blockHash: string },
    to: typeof ChainTxStatus.Mined | typeof ChainTxStatus.Reverted,
  ): Promise<void> {
    assertChainTxTransition(tx.status, to);
    const rows = await sql.rows<{ id: string }>(
      `update chain_transactions set status = $2, mined_tx_hash = $3, block_number = $4, block_hash = $5,
         mined_at = now() where id = $1 and status = $6 returning id`,
      [tx.id, to, at.txHash, at.blockNumber, at.blockHash, tx.status],
    );
    expectMoved(rows, tx, to);
  }

  /** `final` or `dropped`: nothing else about the row changes. */
  async setStatus(
    sql: Sql,
    tx: StatusOf,
    to: typeof ChainTxStatus.Final | typeof ChainTxStatus.Dropped,
  ): Promise<void> {
    assertChainTxTransition(tx.status, to);
    const rows = await sql.rows<{ id: string }>(
      'update chain_transactions set status = $2 where id = $1 and status = $3 returning id',
      [tx.id, to, tx.status],
    );
    expectMoved(rows, tx, to);
  }

  /** The newest final transactions, newest first: what a reorg deeper than CONFIRMATIONS could take away. */
  async latestFinal(sql: Sql, limit: number): Promise<ChainTxRecord[]> {
    const rows = await sql.rows<ChainTxSqlRow>(
      `select ${COLUMNS} from chain_transactions where status = $1 order by nonce desc limit $2`,
      [ChainTxStatus.Final, limit],
    );
    return rows.map(toRecord);
  }

  /** A final transaction whose block is gone goes back to mined, for the reconciler to follow; false if it was not final. */
  async reopenFinal(sql: Sql, id: string): Promise<boolean> {
    assertChainTxTransition(ChainTxStatus.Final, ChainTxStatus.Mined);
    const rows = await sql.rows<{ id: string }>(
      'update chain_transactions set status = $2 where id = $1 and status = $3 returning id',
      [id, ChainTxStatus.Mined, ChainTxStatus.Final],
    );
    return rows.length > 0;
  }

  /** Back to sent after a reorg: the block is gone; the same raw transaction goes out again. */
  async markReorged(sql: Sql, tx: StatusOf): Promise<void> {
    assertChainTxTransition(tx.status, ChainTxStatus.Sent);
    const rows = await sql.rows<{ id: string }>(
      `update chain_transactions set status = $2, mined_tx_hash = null, block_number = null, block_hash = null,
         mined_at = null, sent_at = now() where id = $1 and status = $3 returning id`,
      [tx.id, ChainTxStatus.Sent, tx.status],
    );
    expectMoved(rows, tx, ChainTxStatus.Sent);
  }
}

/** A row as the worker read it: the move is checked from this status, and the update guarded by it. */
export type StatusOf = Pick<ChainTxRecord, 'id' | 'status'>;

/**
 * The row left the status the worker read (only the leader writes, so this means a bug or
 * a lost lock): the surrounding transaction rolls back and the next round reads afresh.
 */
function expectMoved(rows: readonly unknown[], tx: StatusOf, to: ChainTxStatus): void {
  if (rows.length === 0)
    throw new Error(`chain transaction ${tx.id} is no longer ${tx.status}; not moved to ${to}`);
}
