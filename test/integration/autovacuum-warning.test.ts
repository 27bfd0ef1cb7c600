import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@signet/embedded';
import { startSignetProcess, type SignetProcess } from '@signet/testing';

jest.setTimeout(120_000);

async function setAutovacuum(url: string, value: 'on' | 'off'): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`alter system set autovacuum = ${value}`);
    await client.query('select pg_reload_conf()');
    // The reload reaches new sessions shortly after; wait until one sees it.
    for (let tries = 0; tries < 50; tries++) {
      const seen = new Client({ connectionString: url });
      await seen.connect();
      const { rows } = await seen.query<{ setting: string }>(
        `select current_setting('autovacuum') as setting`,
      );
      await seen.end();
      if (rows[0].setting === value) return;
      await sleep(100);
    }
    throw new Error(`autovacuum did not become ${value}`);
  } finally {
    await client.end();
  }
}

async function outputOnceStarted(signet: SignetProcess): Promise<string> {
  // The check runs at application bootstrap, before /healthz answers; give the log a moment.
  await sleep(300);
  return signet.output();
}

/** A database that does not vacuum by itself is named at start, once; one that does is not. */
describe('the autovacuum warning', () => {
  let root: string;
  let pg: EmbeddedPostgres;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'signet-autovacuum-'));
    pg = await startEmbeddedPostgres({ dataDir: join(root, 'pg') });
  });
  afterAll(async () => {
    await pg?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    ['off', true],
    ['on', false],
  ] as const)('autovacuum %s: warned %s', async (setting, warned) => {
    await setAutovacuum(pg.url, setting);
    const signet = await startSignetProcess({ env: { DATABASE_URL: pg.url } });
    try {
      const output = await outputOnceStarted(signet);
      expect(output.includes('PostgreSQL autovacuum is off')).toBe(warned);
    } finally {
      await signet.stop();
    }
  });
});
