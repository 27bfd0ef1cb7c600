import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@migrations';
import { ORM_ENTITIES } from './entities';
import { ownedPoolDriver } from './owned-pool';

/**
 * The one description of how Signet talks to PostgreSQL. The schema comes only from
 * migrations (never synchronised), and they run at start-up inside a transaction each.
 */
export function typeormOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    driver: ownedPoolDriver(),
    url,
    entities: ORM_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 20) },
    ...overrides,
  } as DataSourceOptions;
}
