/**
 * Fails when the entities and the migrations disagree: runs every migration on a fresh
 * database, then asks TypeORM what it would still change (what `migration:generate
 * --check` does), and prints it.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from '@signet/persistence';
import { createTestDatabase, stopEmbeddedTestServer } from '@signet/testing';

async function main(): Promise<number> {
  const database = await createTestDatabase('signet_drift');
  const dataSource = new DataSource(typeormOptions(database.url));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    if (pending.upQueries.length === 0) {
      console.log('migrations match the entities');
      return 0;
    }
    console.error(
      'the entities differ from the migrations; run `npm run migration:generate -- migrations/<Name>`:',
    );
    for (const query of pending.upQueries) console.error(`  ${query.query}`);
    return 1;
  } finally {
    await dataSource.destroy();
    await database.drop();
    await stopEmbeddedTestServer();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
