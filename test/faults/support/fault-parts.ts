/**
 * The parts the fault harness kills, each started by the harness itself on a port of its own
 * and restarted on the same port with the same data: PostgreSQL (embedded, in a temp dir),
 * s3rver (a process), anvil (the real binary, `--state-interval 1`), the service's API and its
 * worker. A part is only ever killed by its own pid: the machine's shared PostgreSQL and
 * Redis, and everyone else's processes, are never touched.
 */
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startAnvil, startEmbeddedPostgres, type AnvilHandle } from '@signet/embedded';
import { startSignetProcess, type SignetProcess } from '@signet/testing';
import { startS3rverProcess, type S3rverProcess } from '../../../bench/support/s3rver-process';

export type PartName = 'api' | 'worker' | 'postgres' | 's3' | 'anvil';

export interface Part {
  name: PartName;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** Starts it again where it was; resolves once it serves. */
  restart(): Promise<void>;
  /** The process id now, for RSS figures. */
  pid(): number | undefined;
  /** Stops it for good at the end (gracefully). */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Retries a start a few times: a port can be busy for a moment after a kill. */
async function retrying<T>(what: string, start: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts) throw new Error(`${what} did not start again: ${String(error)}`);
      await sleep(500);
    }
  }
}

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

async function waitGone(pid: number): Promise<void> {
  for (let i = 0; i < 200 && !gone(pid); i++) await sleep(25);
}

/** Our embedded PostgreSQL: its postmaster's pid is read from its own data directory and checked. */
export async function postgresPart(dir: string): Promise<Part & { url: string }> {
  const dataDir = join(dir, 'pg');
  const port = await freePort();
  let server = await startEmbeddedPostgres({ dataDir, port });
  const postmaster = (): number | undefined => {
    try {
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      // Only ever a server running in this data directory: never the machine's own PostgreSQL.
      return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(dataDir) ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    name: 'postgres',
    url: server.url,
    pid: postmaster,
    async kill() {
      const pid = postmaster();
      if (pid === undefined) throw new Error('no PostgreSQL of ours is running');
      process.kill(pid, 'SIGKILL');
      await waitGone(pid);
    },
    async restart() {
      server = await retrying('PostgreSQL', () => startEmbeddedPostgres({ dataDir, port }));
    },
    stop: () => server.stop(),
  };
}

export async function s3Part(dir: string): Promise<Part & { s3: S3rverProcess }> {
  const objects = join(dir, 's3');
  let s3 = await startS3rverProcess(objects);
  const port = Number(new URL(s3.endpoint).port);
  const part = {
    name: 's3' as const,
    s3,
    pid: () => s3.pid,
    async kill() {
      process.kill(s3.pid, 'SIGKILL');
      await s3.exited;
    },
    async restart() {
      s3 = await retrying('s3rver', () => startS3rverProcess(objects, port));
      part.s3 = s3;
    },
    stop: () => s3.stop(),
  };
  return part;
}

export async function anvilPart(dir: string): Promise<Part & { rpcUrl: string }> {
  const stateFile = join(dir, 'anvil', 'state.json');
  let anvil: AnvilHandle = await startAnvil({ blockTime: 1, stateFile });
  const { port, rpcUrl } = anvil;
  return {
    name: 'anvil',
    rpcUrl,
    pid: () => anvil.pid,
    async kill() {
      anvil.kill('SIGKILL');
      await anvil.exited;
    },
    async restart() {
      anvil = await retrying('anvil', () => startAnvil({ blockTime: 1, stateFile, port }));
    },
    stop: () => anvil.stop(),
  };
}

/**
 * The service in one role. An exit the harness did not cause is counted and the process is
 * started again, as a container's restart policy would; the harness reports the count.
 */
export async function servicePart(
  name: 'api' | 'worker',
  env: Record<string, string>,
  dataDir: string | undefined,
  onUnexpectedExit: (name: PartName, output: string) => void,
): Promise<
  Part & { url: string; dataDir: string; setEnv(extra: Record<string, string>): void; output(): string }
> {
  const port = await freePort();
  let killing = false;
  let stopped = false;
  let current: SignetProcess;
  let extraEnv: Record<string, string> = {};
  let dir = dataDir;
  let earlier = '';
  const start = async (): Promise<void> => {
    current = await retrying(name, () =>
      startSignetProcess({ port, dataDir: dir, env: { ...env, ...extraEnv, SIGNET_ROLE: name } }),
    );
    dir = current.dataDir;
    const mine = current;
    void mine.exited.then(() => (earlier += mine.output()));
    void mine.exited.then(() => {
      if (killing || stopped || mine !== current) return;
      onUnexpectedExit(name, mine.output().slice(-3000));
      void start().catch((error: unknown) => onUnexpectedExit(name, `restart failed: ${String(error)}`));
    });
  };
  await start();
  return {
    name,
    url: current!.url,
    dataDir: current!.dataDir,
    pid: () => current.child.pid,
    output: () => earlier + current.output(),
    setEnv(extra) {
      extraEnv = extra;
    },
    async kill() {
      killing = true;
      current.kill('SIGKILL');
      await current.exited;
    },
    async restart() {
      await start();
      killing = false;
    },
    async stop() {
      stopped = true;
      await current.stop();
    },
  };
}
