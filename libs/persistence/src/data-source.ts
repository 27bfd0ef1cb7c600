import { DataSource } from 'typeorm';
import { migrationDatabaseUrl } from '@signet/config';
import { typeormOptions } from './typeorm-options';

/**
 * For the TypeORM CLI only (`npm run migration:*`): the file must export exactly one
 * DataSource. The URL comes from DATABASE_URL, validated by libs/config.
 */
export default new DataSource(typeormOptions(migrationDatabaseUrl()));
