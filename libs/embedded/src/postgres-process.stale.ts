import { readFileSync } from 'node:fs';
import { readFile, readdir, readlink, realpath, rm } from 'node:fs/promises';
import { platform } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode } from './postgres-process.cluster';

/**
 * Makes a data directory startable after a crash. PostgreSQL already ignores a
 * postmaster.pid whose process is gone, but not in three cases that a SIGKILL leaves behind:
 * - the pid was reused by another process of the same user (the system PostgreSQL runs as
 *   `postgres` too): the server then refuses to start, believing another one is running;
 * - the postmaster died but its children have not exited yet: they still hold the old shared
 *   memory, and the new server refuses to start;
 * - our Node process died and its server lives on, orphaned, holding the port and the dir.
 * Linux only: it identifies a cluster's processes by their working directory (a server
 * chdirs into its data directory); elsewhere PostgreSQL's own checks are left to act alone.
 */
export async function clearStaleServer(dataDir: string, log: (line: string) => void): Promise<void> {
  if (platform() !== 'linux') return;
  const pidFile = join(dataDir, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const dir = await realpath(dataDir);
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);

  if (pid > 0 && alive(pid)) {
    if ((await cwdOf(pid)) === undefined) return; // cannot tell whose it is: let PostgreSQL decide
    if ((await serverCwd(pid)) === dir) {
      if (!(await orphaned(pid))) {
        throw new Error(
          `${dataDir} is in use by a running PostgreSQL (pid ${pid}) that another process owns`,
        );
      }
      log(`stopping PostgreSQL pid ${pid}, left running on ${dataDir} by a process that died`);
      await terminate([pid], 30_000);
    }
  }
  await terminate(await processesIn(dir), 5_000);
  await rm(pidFile, { force: true });
}

/** A zombie counts as dead: orphans are reaped by init, which may take its time (seconds). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (errorCode(error) !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function cwdOf(pid: number): Promise<string | undefined> {
  return readlink(`/proc/${pid}/cwd`).catch(() => undefined);
}

/** A server process's working directory, or undefined for any other process. */
async function serverCwd(pid: number): Promise<string | undefined> {
  const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
  return comm.trim() === 'postgres' ? cwdOf(pid) : undefined;
}

/** Its parent is init or a subreaper, or anything but a Node process: nobody will stop it. */
async function orphaned(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name, which is in parentheses and may itself contain spaces.
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  if (!(ppid > 1)) return true;
  const parent = await readFile(`/proc/${ppid}/comm`, 'utf8').catch(() => '');
  return parent.trim() !== 'node';
}

async function processesIn(dir: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const cwds = await Promise.all(pids.map(async (pid) => ({ pid, cwd: await serverCwd(pid) })));
  return cwds.filter(({ pid, cwd }) => cwd === dir && pid !== process.pid).map(({ pid }) => pid);
}

/**
 * SIGINT is PostgreSQL's fast shutdown (children of a dead postmaster exit on their own, the
 * signal only hurries them); whatever is still there after `graceMs` gets SIGKILL.
 */
async function terminate(pids: number[], graceMs: number): Promise<void> {
  if (pids.length === 0) return;
  for (const pid of pids) signal(pid, 'SIGINT');
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await sleep(50);
  for (const pid of pids.filter(alive)) signal(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (pids.some(alive) && Date.now() < killDeadline) await sleep(20);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
