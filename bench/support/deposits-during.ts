import type { DepositRig } from './deposit-rig';
import { depositSender } from './deposit-requests';
import { openLoop, percentile } from './latency';

/** The deposit latency target (docs/PERFORMANCE.md): p99 within 50 ms at half the 500/s throughput target. */
const TARGET_P99_MS = 50;
const BASELINE_SECONDS = 20;
const WINDOW_SECONDS = 10;

export interface DepositsDuringFigures {
  depositRate: number;
  baseline: { count: number; errors: number; p50: number; p99: number };
  during: { count: number; errors: number; p50: number; p99: number; windowP99: number[] };
  jobSeconds: number;
  shredded: number;
  shreddedPerSecond: number;
  withinTarget: boolean;
}

/**
 * Deposits at `rate` per second, open loop: BASELINE_SECONDS alone, then in windows of
 * WINDOW_SECONDS for as long as `work` runs (the last may outlast it; each window's deposits prepared just before
 * it, so the bench never holds more than one window in memory). Prints and returns both
 * phases' latencies beside the work's own figures.
 */
export async function measureDepositsDuring(
  rig: DepositRig,
  rate: number,
  work: () => Promise<{ report: { shredded: string[] }; seconds: number }>,
): Promise<DepositsDuringFigures> {
  const sender = depositSender(rig.api.url, rig.token, (line) => console.log(line));
  const phase = async (seconds: number, latencies: number[]) => {
    const prepared = rig.prepare(Math.round(rate * seconds));
    let errors = 0;
    await openLoop(
      rate,
      seconds,
      (index) => sender.one(prepared[index]),
      (_index, latency, ok) => (ok ? latencies.push(latency) : errors++),
    );
    return errors;
  };
  const summary = (latencies: number[], errors: number) => ({
    count: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  });

  const alone: number[] = [];
  const aloneErrors = await phase(BASELINE_SECONDS, alone);
  await rig.settle();
  let finished: { report: { shredded: string[] }; seconds: number } | null = null;
  const running = work().then((result) => (finished = result));
  const during: number[] = [];
  const windowP99: number[] = [];
  let duringErrors = 0;
  // Whole windows: the last one may run up to WINDOW_SECONDS past the job's end.
  while (finished === null) {
    const window: number[] = [];
    duringErrors += await phase(WINDOW_SECONDS, window);
    during.push(...window);
    if (window.length > 0) windowP99.push(percentile(window, 99));
  }
  const result = await running;
  const figures: DepositsDuringFigures = {
    depositRate: rate,
    baseline: summary(alone, aloneErrors),
    during: { ...summary(during, duringErrors), windowP99 },
    jobSeconds: result.seconds,
    shredded: result.report.shredded.length,
    shreddedPerSecond: Math.round(result.report.shredded.length / result.seconds),
    withinTarget: percentile(during, 99) <= TARGET_P99_MS && duringErrors === 0,
  };
  console.log(
    `deposits at ${rate}/s alone: p50 ${figures.baseline.p50} ms, p99 ${figures.baseline.p99} ms (${figures.baseline.count} ok, ${aloneErrors} errors)`,
  );
  console.log(
    `deposits at ${rate}/s while the job ran: p50 ${figures.during.p50} ms, p99 ${figures.during.p99} ms (${figures.during.count} ok, ${duringErrors} errors); p99 of each ${WINDOW_SECONDS} s: ${windowP99.join(', ')} ms`,
  );
  console.log(`target p99 <= ${TARGET_P99_MS} ms while it runs: ${figures.withinTarget ? 'kept' : 'MISSED'}`);
  return figures;
}
