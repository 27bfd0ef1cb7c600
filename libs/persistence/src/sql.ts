import type { DataSource, QueryResult, QueryRunner } from 'typeorm';
import { ownedPool } from './owned-pool';

/**
 * Plain SQL over one TypeORM query runner, for set-based statements (one UPDATE
 * per batch, not one per agreement) that read better as SQL than as entity calls.
 */
export class Sql {
  constructor(private readonly runner: QueryRunner) {}

  async rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const result = (await this.runner.query(text, params, true)) as QueryResult<T>;
    return result.records ?? [];
  }

  async one<T>(text: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(text, params))[0];
  }

  /** Runs a statement and returns how many rows it touched. */
  async run(text: string, params: unknown[] = []): Promise<number> {
    const result = (await this.runner.query(text, params, true)) as QueryResult<unknown>;
    return result.affected ?? 0;
  }
}

export interface TransactionOptions {
  /**
   * False for reads of a queue: tables whose rows are processed and left behind (the outbox,
   * audit events waiting for a sequence number). A bitmap index scan never marks an index
   * entry dead, so until VACUUM it visits every processed row's entry again on each read; a
   * plain index scan marks them the first time and skips them after. With statistics that
   * think the queue small, the planner picks the bitmap scan. Measured with 40,000 processed
   * rows: 1.2–3.6 ms a read, against 0.02–0.1 ms once the entries are marked.
   */
  bitmapScans?: boolean;
}

/** Runs `work` in one transaction: everything it wrote commits together, or nothing does. */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (sql: Sql) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    if (options.bitmapScans === false) await runner.query('set local enable_bitmapscan = off');
    const result = await work(new Sql(runner));
    await runner.commitTransaction();
    return result;
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** Options for a transaction that reads a queue (see `TransactionOptions.bitmapScans`). */
export const QUEUE_READS: TransactionOptions = { bitmapScans: false };

/** Runs `work` on one pooled connection, each statement in its own implicit transaction. */
export async function withSql<T>(dataSource: DataSource, work: (sql: Sql) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    return await work(new Sql(runner));
  } finally {
    await runner.release();
  }
}

/**
 * A named prepared statement on the pool TypeORM shares (see owned-pool): PostgreSQL parses and plans it
 * once per connection rather than on every call. For the statements every deposit runs,
 * whose parse and plan cost more than their execution. `name` must be unique per text.
 */
export async function preparedRows<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  return (await ownedPool(dataSource).query<T & object>({ name, text, values })).rows;
}

/**
 * Transactions for the code that composes several repository calls in one (the anchor
 * worker): it hands the `Sql` on to the repositories and never writes SQL itself.
 */
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (sql: Sql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return inTransaction(this.dataSource, work, options);
  }

  /** One pooled connection, each statement in its own implicit transaction. */
  connection<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return withSql(this.dataSource, work);
  }
}
