import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { typeormOptions } from '@signet/persistence';
import { createTestDatabase } from './test-database';

export interface MigratedDatabase {
  url: string;
  dataSource: DataSource;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

/** A fresh database with every migration run, and a TypeORM DataSource on it. */
export async function createMigratedDatabase(
  prefix?: string,
  overrides: Partial<DataSourceOptions> = {},
): Promise<MigratedDatabase> {
  const database = await createTestDatabase(prefix);
  const dataSource = await new DataSource(typeormOptions(database.url, overrides)).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    url: database.url,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
