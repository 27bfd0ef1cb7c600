import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@signet/embedded';
import { projectRoot } from './project-root';
import { rememberFreeAnvilPort } from './anvil-port-file';

export interface SignetProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote, for assertions and for debugging a failed test. */
  output(): string;
  /** SIGTERM, and wait for the process to exit (it stops its embedded parts). */
  stop(): Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

export interface SignetProcessOptions {
  dataDir?: string;
  env?: Record<string, string | undefined>;
  args?: string[];
  /** Options for node itself, e.g. --cpu-prof. */
  nodeArgs?: string[];
  port?: number;
  readyTimeoutMs?: number;
  /**
   * A checkout whose built `dist/` to run, in its own directory; default this one. Lets a
   * bench run another build (say, main's) beside this one.
   */
  root?: string;
}

const ROOT = projectRoot();

/**
 * Starts the real service (the built `dist/` entry point, as `npm start` does) and waits
 * for /healthz to answer 200. Tests drive it over HTTP, as a user would.
 */
export async function startSignetProcess(options: SignetProcessOptions = {}): Promise<SignetProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'signet-data-'));
  const port = options.port ?? (await freePort());
  if (!options.env?.SIGNET_ANVIL_PORT && !options.env?.CHAIN_RPC_URL) await rememberFreeAnvilPort(dataDir);
  const root = options.root ?? ROOT;
  const entry = join(root, 'dist/apps/registry/src/main.js');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry, ...(options.args ?? [])], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: undefined,
      SIGNET_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let running = true;
  void exited.then(() => (running = false));
  while (true) {
    if (!running) throw new Error(`signet exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`signet was not healthy in time:\n${output}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((done) => setTimeout(done, 150));
  }
  return {
    url,
    dataDir,
    child,
    output: () => output,
    exited,
    kill: (signal = 'SIGKILL') => child.kill(signal),
    stop: async () => {
      if (running) child.kill('SIGTERM');
      return exited;
    },
  };
}
