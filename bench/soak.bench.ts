/**
 * npm run bench:soak — a long steady load: first the maximum rate of single deposits is
 * measured (closed loop), then deposits arrive at 80% of it (open loop) for SOAK_MINUTES
 * (default 30). Prints the error count, the p99 of each SOAK_WINDOW_MINUTES (default 5) and
 * the resident memory of every process at the start, after the first window, and at the end;
 * the last line is JSON. Targets (docs/RELIABILITY.md): 0 errors, RSS growth < 10% between
 * the end of the first window and the end, for Signet's own processes (`api`, `worker`);
 * anvil (the local test chain, which keeps every block in memory), s3rver (a test double of
 * the object store) and the bench itself are printed for the record only.
 */
import { readFileSync } from 'node:fs';
import { closedLoop, openLoop, percentile } from './support/latency';
import { startDepositRig } from './support/deposit-rig';
import { depositSender } from './support/deposit-requests';
import { runBench } from './support/run-bench';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const WINDOW_MINUTES = Number(process.env.SOAK_WINDOW_MINUTES ?? 5);
const SHARE_OF_MAX = 0.8;
const PROBE_DEPOSITS = 1200;
const PROBE_CONCURRENCY = 16;
/** The processes the RSS target is about: Signet's own, not the test chain, S3 double or load generator. */
const SIGNET_PROCESSES = ['api', 'worker'];
/** Deposits are prepared a minute ahead, so memory holds a minute of them, not the whole soak. */
const CHUNK_SECONDS = 60;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** `worker +1.8% (203 → 206.6 MB)`: RSS growth of Signet's processes from the first window to the end. */
function growthLine(from: Record<string, number | null>, to: Record<string, number | null>): string {
  return SIGNET_PROCESSES.flatMap((name) => {
    const [before, after] = [from[name], to[name]];
    if (!before || !after) return [];
    const percent = Math.round(((after - before) / before) * 1000) / 10;
    return [`${name} ${percent >= 0 ? '+' : ''}${percent}% (${before} → ${after} MB)`];
  }).join(', ');
}

function rssOf(processes: Record<string, number | undefined>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, rssMb(pid)]));
}

async function main(): Promise<void> {
  // The bench logs in once: its token must outlive the soak (the first 30-minute run lost
  // every deposit after minute 15 to "access token has expired").
  const rig = await startDepositRig({ tokenTtlSeconds: Math.min(86_400, (MINUTES + 15) * 60) });
  try {
    await rig.settle();
    const errors: string[] = [];
    const sender = depositSender(rig.api.url, rig.token, (line) => errors.push(line));
    const probeDeposits = rig.prepare(PROBE_DEPOSITS);
    const probe = await closedLoop(PROBE_DEPOSITS, PROBE_CONCURRENCY, (i) => sender.one(probeDeposits[i]));
    const rate = Math.max(1, Math.floor(probe.perSecond * SHARE_OF_MAX));
    log(
      `maximum: ${probe.perSecond} deposits/s (closed loop, concurrency ${PROBE_CONCURRENCY}); soak at ${rate}/s`,
    );
    await rig.settle();

    const rss = {
      start: rssOf(rig.processes),
      afterFirstWindow: {} as Record<string, number | null>,
      end: {} as Record<string, number | null>,
    };
    log(`RSS at start (MB): ${JSON.stringify(rss.start)}`);
    const windows: Array<{ minute: number; count: number; errors: number; p99: number }> = [];
    let windowLatencies: number[] = [];
    let windowErrors = 0;
    let totalErrors = 0;
    const chunks = Math.ceil((MINUTES * 60) / CHUNK_SECONDS);
    for (let chunk = 0; chunk < chunks; chunk++) {
      const seconds = Math.min(CHUNK_SECONDS, MINUTES * 60 - chunk * CHUNK_SECONDS);
      const deposits = rig.prepare(Math.round(rate * seconds));
      await openLoop(
        rate,
        seconds,
        (i) => sender.one(deposits[i]),
        (_, latency, ok) => {
          if (ok) windowLatencies.push(latency);
          else windowErrors++;
        },
      );
      const minute = ((chunk + 1) * CHUNK_SECONDS) / 60;
      if (minute % WINDOW_MINUTES === 0 || chunk === chunks - 1) {
        windows.push({
          minute,
          count: windowLatencies.length,
          errors: windowErrors,
          p99: percentile(windowLatencies, 99),
        });
        log(
          `minutes ..${minute}: ${windowLatencies.length} deposits, ${windowErrors} errors, p99 ${percentile(windowLatencies, 99)} ms`,
        );
        totalErrors += windowErrors;
        windowLatencies = [];
        windowErrors = 0;
        if (windows.length === 1) rss.afterFirstWindow = rssOf(rig.processes);
      }
    }
    rss.end = rssOf(rig.processes);
    const settleMs = await rig.settle();
    log(`RSS after the first window (MB): ${JSON.stringify(rss.afterFirstWindow)}`);
    log(`RSS at end (MB): ${JSON.stringify(rss.end)}`);
    log(`RSS growth after the first window (target < 10%): ${growthLine(rss.afterFirstWindow, rss.end)}`);
    log(
      `errors: ${totalErrors}${errors.length ? ` (e.g. ${errors[0]})` : ''}; worker settled in ${settleMs} ms`,
    );
    log(
      JSON.stringify({ minutes: MINUTES, maxRate: probe.perSecond, rate, errors: totalErrors, windows, rss }),
    );
  } finally {
    await rig.stop();
  }
}

runBench(main);
