import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@migrations';
import { ORM_ENTITIES } from './entities';
import { ownedPoolDriver } from './owned-pool';

/** Connections per process when the caller names none (SignetConfig.databasePoolSize's default). */
export const DEFAULT_POOL_SIZE = 20;

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
    // DATABASE_POOL_SIZE (validated in libs/config) reaches here as `extra.max`.
    extra: { max: DEFAULT_POOL_SIZE },
    ...overrides,
  } as DataSourceOptions;
}
