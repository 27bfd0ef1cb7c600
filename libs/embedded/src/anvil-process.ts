import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { keepAnvilStateCopy, restoreAnvilState } from './anvil-state';

export interface AnvilOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** 0 or undefined: the OS picks a free port (no race between probing and binding). */
  port?: number;
  /** Load state from this file at start and dump it every second and on SIGTERM. */
  stateFile?: string;
  /** Seconds between blocks; undefined = a block per transaction (automine). */
  blockTime?: number;
  chainId?: number;
  /** Enforce the EIP-7825 per-transaction gas cap (16,777,216) like post-Osaka chains. */
  gasLimitCap?: boolean;
  /** Path of the anvil binary; default the one installed by @foundry-rs/anvil. */
  binary?: string;
  /** How long to wait for the node to answer eth_chainId; default 15 s. */
  startTimeoutMs?: number;
}

export interface AnvilHandle {
  rpcUrl: string;
  port: number;
  pid: number;
  /** SIGTERM (anvil dumps its state), wait for exit; SIGKILL after 15 s. Idempotent. */
  stop(): Promise<void>;
  /** Sends a signal without waiting, e.g. SIGKILL to simulate a crash. */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

const STOP_TIMEOUT_MS = 15_000;
const LISTENING = /Listening on (\S+):(\d+)/;

/** The binary from the platform package that @foundry-rs/anvil installs as an optional dependency. */
export function anvilBinaryPath(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  const exe = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  // Spawn the real binary, not the npm wrapper: killing the wrapper orphans anvil.
  return `${dirname(require.resolve(`${pkg}/package.json`))}/bin/${exe}`;
}

function anvilArgs(opts: AnvilOptions, host: string): string[] {
  const args = ['--host', host, '--port', String(opts.port ?? 0)];
  if (opts.stateFile) args.push('--state', opts.stateFile, '--state-interval', '1');
  if (opts.blockTime !== undefined) args.push('--block-time', String(opts.blockTime));
  if (opts.chainId !== undefined) args.push('--chain-id', String(opts.chainId));
  if (opts.gasLimitCap) args.push('--enable-tx-gas-limit');
  return args;
}

/**
 * Starts a local anvil node and resolves once it answers JSON-RPC. Its stdout (which lists
 * the development accounts' private keys) is never logged: it is read only to learn the
 * port and otherwise drained.
 */
export async function startAnvil(opts: AnvilOptions = {}): Promise<AnvilHandle> {
  const host = opts.host ?? '127.0.0.1';
  if (opts.stateFile) {
    mkdirSync(dirname(opts.stateFile), { recursive: true });
    restoreAnvilState(opts.stateFile, (line) => process.stderr.write(`${line}\n`));
  }
  const child = spawn(opts.binary ?? anvilBinaryPath(), anvilArgs(opts, host), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  const exited = exitOf(child);
  if (opts.stateFile) void exited.then(keepAnvilStateCopy(opts.stateFile));
  // Never leave a node running behind a test run or a crashed parent.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
  });
  const failure = (why: string): Error =>
    new Error(`anvil ${why}${stderrTail ? `: ${stderrTail.trim()}` : ''}`);

  try {
    if (pid === undefined) throw failure('could not be spawned');
    const port = await Promise.race([
      listeningPort(child),
      exited.then((code) => Promise.reject(failure(`exited with ${code} before listening`))),
      delay(opts.startTimeoutMs ?? 15_000).then(() => Promise.reject(failure('did not start in time'))),
    ]);
    const connectHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    const rpcUrl = `http://${connectHost.includes(':') ? `[${connectHost}]` : connectHost}:${port}`;
    await waitForRpc(rpcUrl, opts.startTimeoutMs ?? 15_000, exited);
    return {
      rpcUrl,
      port,
      pid,
      exited,
      kill: (signal: NodeJS.Signals = 'SIGTERM') => void child.kill(signal),
      stop: () => stopChild(child, exited),
    };
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw err;
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Reads stdout line by line until anvil says where it listens; keeps draining afterwards. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    let buffer = '';
    let found = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (found) return; // drained so that anvil never blocks on a full pipe
      buffer += chunk.toString('utf8');
      const match = LISTENING.exec(buffer);
      if (match) {
        found = true;
        buffer = '';
        resolve(Number(match[2]));
      } else {
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      }
    });
  });
}

async function waitForRpc(rpcUrl: string, timeoutMs: number, exited: Promise<number | null>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error('anvil exited before answering JSON-RPC');
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (res.ok) return;
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > deadline) throw new Error(`anvil did not answer on ${rpcUrl} in time`);
    await delay(25);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
