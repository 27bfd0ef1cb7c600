import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@signet/embedded';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

let embedded: Promise<{ url: string; stop(): Promise<void> }> | undefined;

/**
 * A fresh, empty database for one suite: on the server DATABASE_URL points at (CI),
 * else on an embedded PostgreSQL started once per test process.
 */
export async function createTestDatabase(prefix = 'signet_test'): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL ?? (await embeddedServer()).url;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdminClient(serverUrl, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      ).then(() => undefined),
  };
}

function embeddedServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const started =
    embedded ?? startEmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'signet-pg-')), 'pg') });
  embedded = started;
  return started;
}

/** Stops the embedded server if this process started one (call from a global teardown). */
export async function stopEmbeddedTestServer(): Promise<void> {
  if (embedded) await (await embedded).stop();
  embedded = undefined;
}

async function withAdminClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
