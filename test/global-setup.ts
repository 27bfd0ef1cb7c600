import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../libs/embedded/src/postgres-process';

/**
 * Without DATABASE_URL (a bare machine), one embedded PostgreSQL serves the whole run:
 * suites make their own databases on it, and global teardown stops it, so nothing is
 * left running and Jest can exit.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const server = await startEmbeddedPostgres({
    dataDir: join(mkdtempSync(join(tmpdir(), 'signet-test-pg-')), 'pg'),
  });
  process.env.DATABASE_URL = server.url;
  (globalThis as { signetTestPostgres?: typeof server }).signetTestPostgres = server;
}
