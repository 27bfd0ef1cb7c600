import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/**
 * For the TypeORM CLI only (`npm run migration:*`): the file must export exactly one
 * DataSource. The URL comes from DATABASE_URL.
 */
export default new DataSource(
  typeormOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/signet'),
);
