import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@signet/embedded';
import { createTestDatabase } from '@signet/testing';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one bench run: on the server at DATABASE_URL when set (named
 * `prefix_…`), else an embedded PostgreSQL of its own, stopped by drop().
 */
export async function benchDatabase(prefix: string): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) return createTestDatabase(prefix);
  const pg = await startEmbeddedPostgres({
    dataDir: join(mkdtempSync(join(tmpdir(), 'signet-bench-')), 'pg'),
  });
  return { url: pg.url, drop: () => pg.stop() };
}
