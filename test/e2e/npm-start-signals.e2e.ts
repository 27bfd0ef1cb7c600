import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@signet/embedded';
import { projectRoot, rememberFreeAnvilPort } from '@signet/testing';

/** Every process below `pid`, read from /proc (the PPid of each). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  // A zombie has exited; only its parent's wait is missing.
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Issue 19: a signal to the process `npm start` gives (what `kill <pid>`, a supervisor or
 * Ctrl-C reaches) stops node, PostgreSQL and anvil, within 10 s.
 */
describe.each(['SIGTERM', 'SIGINT'] as const)('npm start, then %s to its process', (signal) => {
  it('stops node, PostgreSQL and anvil within 10 s', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-npm-start-'));
    await rememberFreeAnvilPort(dataDir);
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: projectRoot(),
      env: { ...process.env, DATABASE_URL: undefined, SIGNET_DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((done) => npm.once('exit', () => done()));
    let tree: number[] = [];
    try {
      const deadline = Date.now() + 150_000;
      while (
        !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`not healthy:\n${output}`);
        await new Promise((done) => setTimeout(done, 250));
      }
      tree = descendants(npm.pid!);
      const commands = tree.map(commandOf).join('\n');
      expect(commands).toMatch(/main\.js/);
      expect(commands).toMatch(/postgres/);
      expect(commands).toMatch(/anvil/);

      const sentAt = Date.now();
      npm.kill(signal);
      while (tree.some(alive) || npm.exitCode === null) {
        if (Date.now() - sentAt > 10_000) {
          const left = tree.filter(alive).map((pid) => `${pid} ${commandOf(pid)}`);
          throw new Error(`still running 10 s after ${signal}:\n${left.join('\n')}\n${output}`);
        }
        await new Promise((done) => setTimeout(done, 100));
      }
      await exited;
      expect(
        await fetch(`http://127.0.0.1:${port}/healthz`).then(
          () => 'answered',
          () => 'down',
        ),
      ).toBe('down');
      // The service stopped its parts itself: anvil dumped its state on the way out.
      expect(existsSync(join(dataDir, 'anvil', 'state.json'))).toBe(true);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      // Whatever survived, also what was orphaned when npm went: never left running.
      for (const pid of [...tree, ...descendants(npm.pid!)].filter(alive)) process.kill(pid, 'SIGKILL');
    }
  });
});
