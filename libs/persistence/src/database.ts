import { DataSource } from 'typeorm';
import { TransactionRunner } from './sql';
import { typeormOptions } from './typeorm-options';

export interface OpenDatabase {
  transactions: TransactionRunner;
  close(): Promise<void>;
}

/** A migrated database opened outside Nest (the standalone anchor worker), with a small pool. */
export async function openDatabase(databaseUrl: string, poolSize: number): Promise<OpenDatabase> {
  const dataSource = await new DataSource(
    typeormOptions(databaseUrl, { extra: { max: poolSize } }),
  ).initialize();
  return { transactions: new TransactionRunner(dataSource), close: () => dataSource.destroy() };
}
