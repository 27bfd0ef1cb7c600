import { DataSource } from 'typeorm';
import type { BatchTimestampStore } from '@signet/domain';
import { TypeormBatchTimestampStore } from './batch-timestamps.adapter';
import { TransactionRunner } from './sql';
import { typeormOptions } from './typeorm-options';

export interface OpenDatabase {
  transactions: TransactionRunner;
  /** Where the timestamp worker beside the anchor worker keeps batch roots' tokens. */
  batchTimestamps: BatchTimestampStore;
  close(): Promise<void>;
}

/** A migrated database opened outside Nest (the standalone anchor worker), with a small pool. */
export async function openDatabase(databaseUrl: string, poolSize: number): Promise<OpenDatabase> {
  const dataSource = await new DataSource(
    typeormOptions(databaseUrl, { extra: { max: poolSize } }),
  ).initialize();
  return {
    transactions: new TransactionRunner(dataSource),
    batchTimestamps: new TypeormBatchTimestampStore(dataSource),
    close: () => dataSource.destroy(),
  };
}
