/** Percentiles over recorded latencies (milliseconds), nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] * 10) / 10;
}

export interface LoadResult {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

function summarise(latencies: number[], errors: number, seconds: number): LoadResult {
  return {
    count: latencies.length,
    errors,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(latencies.length / seconds),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Closed loop: `concurrency` workers send back to back until `total` requests are done. */
export async function closedLoop(
  total: number,
  concurrency: number,
  send: (index: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        const t0 = performance.now();
        const ok = await send(index);
        if (ok) latencies.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}

/**
 * Open loop: requests start at a fixed rate whatever the answers do (no coordinated
 * omission). `onAnswer` sees each request's latency, for figures per kind of request.
 */
export async function openLoop(
  ratePerSecond: number,
  seconds: number,
  send: (index: number) => Promise<boolean>,
  onAnswer?: (index: number, latencyMs: number, ok: boolean) => void,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((done) => setTimeout(done, wait));
    inFlight.push(
      send(index).then((ok) => {
        // Latency counts from when the request was due, so a stalled sender is measured too.
        const latency = performance.now() - due;
        if (ok) latencies.push(latency);
        else errors++;
        onAnswer?.(index, latency, ok);
      }),
    );
  }
  await Promise.all(inFlight);
  return summarise(latencies, errors, (performance.now() - started) / 1000);
}
