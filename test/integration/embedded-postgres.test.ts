import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@signet/embedded';

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

jest.setTimeout(60_000);

describe('startEmbeddedPostgres', () => {
  let root: string;
  let dataDir: string;
  const running: EmbeddedPostgres[] = [];
  const start = async (): Promise<EmbeddedPostgres> => {
    const pg = await startEmbeddedPostgres({ dataDir });
    running.push(pg);
    return pg;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'signet-pg-'));
    dataDir = join(root, 'pg');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((pg) => pg.stop()));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('keeps its data across a stop and a start on the same directory', async () => {
    const first = await start();
    expect(first.port).not.toBe(5432);
    expect(first.url).toMatch(/^postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/signet$/);
    await query(first.url, 'CREATE TABLE kept (note text)');
    await query(first.url, 'INSERT INTO kept VALUES ($1)', ['still here']);
    await first.stop();

    const second = await start();
    expect(await query(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
  });

  it('stops cleanly: the server is gone, its port closed, its pid file removed', async () => {
    const pg = await start();
    const pid = await postmasterPid(dataDir);
    await pg.stop();
    await pg.stop(); // a second stop is harmless
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    await expect(query(pg.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('creates a missing database on a cluster that already exists', async () => {
    const pg = await startEmbeddedPostgres({ dataDir, database: 'other-db' });
    running.push(pg);
    expect(pg.url.endsWith('/other-db')).toBe(true);
    expect(await query(pg.url, 'SELECT current_database() AS name')).toEqual([{ name: 'other-db' }]);
  });

  it('refuses a password-less connection', async () => {
    const pg = await start();
    const noPassword = pg.url.replace(/:[0-9a-f]+@/, '@');
    await expect(query(noPassword, 'SELECT 1')).rejects.toThrow();
  });

  it('starts again after the server was killed with SIGKILL', async () => {
    const pg = await start();
    await query(pg.url, 'CREATE TABLE IF NOT EXISTS crash (n int)');
    await query(pg.url, 'INSERT INTO crash VALUES (1)');
    process.kill(await postmasterPid(dataDir), 'SIGKILL');

    const again = await start();
    expect(await query(again.url, 'SELECT n FROM crash')).toEqual([{ n: 1 }]);
  });

  it('starts when the pid in a stale postmaster.pid now belongs to another process', async () => {
    const pg = await start();
    process.kill(await postmasterPid(dataDir), 'SIGKILL');
    await sleep(200);
    // Stands in for a reused pid: a live process of the server's own user (or ours).
    const asServerUser =
      process.getuid?.() === 0 ? { uid: Number(await idOf('-u')), gid: Number(await idOf('-g')) } : {};
    const impostor = spawn('sleep', ['30'], { ...asServerUser, stdio: 'ignore' });
    try {
      const pidFile = join(dataDir, 'postmaster.pid');
      const lines = (await readFile(pidFile, 'utf8')).split('\n');
      lines[0] = String(impostor.pid);
      await writeFile(pidFile, lines.join('\n'));

      const again = await start();
      expect(await query(again.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(isAlive(impostor.pid!)).toBe(true);
    } finally {
      impostor.kill('SIGKILL');
    }
    void pg;
  });
});

function idOf(flag: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('id', [flag, 'postgres']);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => resolve(out.trim()));
  });
}
