import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ). */
const TICKS_PER_SECOND = 100;

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // the process has gone
  }
}

/** Every PostgreSQL process on the machine: the bench's database is the only busy one. */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

/** CPU time used so far, per label, by process id (PostgreSQL has one process per connection). */
export type CpuSnapshot = Map<string, Map<number, number>>;

/** CPU time used so far by each named process, and by each PostgreSQL process. */
export function snapshotCpu(processes: Record<string, number | undefined>): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const [label, pid] of Object.entries(processes)) {
    if (pid) snapshot.set(label, new Map([[pid, cpuMsOf(pid)]]));
  }
  snapshot.set('postgres', new Map(postgresPids().map((pid) => [pid, cpuMsOf(pid)])));
  return snapshot;
}

/**
 * CPU milliseconds per unit of work between two snapshots, per label, and their sum. A
 * process that started in between counts from zero; one that ended in between is lost.
 */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number): Record<string, number> {
  const perUnit: Record<string, number> = {};
  let total = 0;
  for (const [label, pids] of after) {
    let used = 0;
    for (const [pid, end] of pids) used += Math.max(0, end - (before.get(label)?.get(pid) ?? 0));
    const ms = used / units;
    perUnit[label] = Math.round(ms * 100) / 100;
    total += ms;
  }
  perUnit.total = Math.round(total * 100) / 100;
  return perUnit;
}
