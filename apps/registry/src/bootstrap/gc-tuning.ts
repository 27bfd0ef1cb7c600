import { setFlagsFromString } from 'node:v8';
import type { Role } from '@signet/config';

/**
 * V8 lets the old generation grow by a factor of its own choosing after each full GC,
 * between 1.1 and 4 depending on how fast it measured the collector and the program. In
 * the service it was sometimes 1.5 (a full GC every few seconds at 250 deposits/s, each a
 * 5–18 ms pause with marking steps around it, which is where the slowest deposits fell).
 * A fixed factor of 3 was measured side by side with `npm run bench:deposit:ab` (250/s,
 * batches of 10, 120 s, four runs): the API's CPU per deposit 3–6% lower each time; p99
 * 28%, 23% and 18% lower in three runs, equal in the fourth; peak RSS up to 70 MiB higher.
 */
const API_HEAP_GROWING_PERCENT = 200;

/**
 * The anchor worker's garbage is short-lived (a batch per second, dropped once sent), but on
 * V8's own choice its old-generation limit kept growing over a 30-minute soak: RSS +18.4%
 * between minute 5 and 30 (220.7 → 261.4 MB) while heap snapshots showed the live heap flat
 * (49.45 vs 49.47 MB) under 181 MB of old space — garbage, not a leak. A fixed factor of 1.5
 * sets each next limit at 1.5 × what survived the last full GC. With it,
 * `BENCH_WORKER_NODE_ARGS=--heap-growing-percent=50 SOAK_MINUTES=15 npm run bench:soak`
 * (29 deposits/s, a loaded machine): +1.8% between minute 5 and 15 (203.0 → 206.6 MB),
 * 0 errors, the worker settled 2.3 s after the load; the 30-minute `npm run bench:soak` with
 * this setting (11 deposits/s, loaded too): +6.1% (194.1 → 206.0 MB) (docs/RELIABILITY.md).
 */
const WORKER_HEAP_GROWING_PERCENT = 50;

/**
 * Per role: a larger factor for the roles that answer requests (`all` included, which
 * answers them too), a smaller one for the anchor worker. An operator's own
 * `--heap-growing-percent` (node's command line or NODE_OPTIONS) is left alone.
 */
export function tuneGarbageCollection(role: Role): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (given.includes('--heap-growing-percent')) return;
  const percent = role === 'worker' ? WORKER_HEAP_GROWING_PERCENT : API_HEAP_GROWING_PERCENT;
  // V8 reads it whenever a full GC sets the next limit: set at start, it holds from the first.
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
