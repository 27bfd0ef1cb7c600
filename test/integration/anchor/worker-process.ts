import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEV_KEY, type AnchorRig } from './anchor.fixture';

export const ROOT = resolve(__dirname, '../../..');
const ENTRY = join(ROOT, 'dist/apps/registry/src/anchoring/anchor-worker.main.js');

/** The standalone anchor worker (built) as a real process against the rig; its output collects in `output()`. */
export function startWorkerProcess(
  rig: AnchorRig,
  env: Record<string, string> = {},
): { proc: ChildProcess; output: () => string } {
  let output = '';
  const proc = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      SIGNET_DATA_DIR: mkdtempSync(join(tmpdir(), 'signet-worker-')),
      DATABASE_URL: rig.db.url,
      CHAIN_RPC_URL: rig.anvil.rpcUrl,
      REGISTRY_ADDRESS: rig.registry.address,
      ANCHOR_PRIVATE_KEY: DEV_KEY,
      CONFIRMATIONS: '2',
      ANCHOR_BATCH_SIZE: '10',
      ANCHOR_INTERVAL_MS: '100',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { proc, output: () => output };
}

/** SIGKILL, and wait until the process is gone. */
export async function killProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((done) => proc.once('exit', done));
  proc.kill('SIGKILL');
  await exited;
}
