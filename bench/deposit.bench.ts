/**
 * npm run bench:deposit — deposits through the real API at rising concurrency, against
 * real PostgreSQL (DATABASE_URL, else embedded), an S3 endpoint (s3rver) and anvil with
 * one-second blocks, everything on this machine. Prints throughput, latency, anchoring
 * lag and the service's peak resident memory; the last line is JSON.
 */
import { closedLoop, openLoop, percentile, type LoadResult } from './support/latency';
import { cpuPerUnit, snapshotCpu } from './support/cpu-accounting';
import { startDepositRig } from './support/deposit-rig';
import { depositSender } from './support/deposit-requests';
import { ed25519VerifiesPerSecond, machineTicks, peakRssMb, stealPercent } from './support/machine';
import { runBench } from './support/run-bench';

// BENCH_QUICK=1 shortens every phase, for iterating on the service.
const QUICK = process.env.BENCH_QUICK === '1';
const CONCURRENCY_STEPS = QUICK ? [16] : [4, 8, 16, 32];
const STEP_DEPOSITS = QUICK ? 400 : 1500;
const SUSTAINED_SECONDS = QUICK ? 3 : 10;
// BENCH_HALF_SECONDS lengthens the latency phases alone (a quick run with a meaningful p99).
const HALF_RATE_SECONDS = Number(process.env.BENCH_HALF_SECONDS) || (QUICK ? 3 : 20);
// The phase the issue's latency target is judged on runs longer: 20 s at 25 requests/s is
// 500 requests, whose p99 is their fifth-worst, and one stall of this shared machine decided
// it. 120 s gives 3,000; the p99 of each 20 s window is printed beside, to show the spread.
const TARGET_PHASE_SECONDS = Number(process.env.BENCH_TARGET_SECONDS) || (QUICK ? HALF_RATE_SECONDS : 120);
const WINDOW_SECONDS = 20;
const TARGET_LATENCY_MS = 50;
// depositAgreements: agents that deposit many agreements send them BATCH_SIZE at a time.
const BATCH_SIZE = 25;
const BATCH_CONCURRENCY_STEPS = [2, 4, 8];
const BATCH_STEP_DEPOSITS = STEP_DEPOSITS * 2;
// At half the reached rate an agent has fewer deposits at hand: latency is measured with
// deposits arriving at that rate, sent LATENCY_BATCH_SIZE at a time.
const LATENCY_BATCH_SIZE = Math.max(1, Math.floor(Number(process.env.BENCH_LATENCY_BATCH ?? 10)) || 10);
// The issue's throughput target: latency is also measured at half of it, as the target
// reads, beside half of what this machine reached (which is stricter).
const TARGET_RATE = 500;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * The tail of a latency phase: p99.9, max, the share over the target, and the p99 of each
 * window of WINDOW_SECONDS (request `index` was due at index / requestsPerSecond).
 */
function tailOf(byIndex: number[], requestsPerSecond: number) {
  const answered = byIndex.filter((ms) => ms !== undefined);
  const perWindow = Math.max(1, Math.round(requestsPerSecond * WINDOW_SECONDS));
  const windowP99: number[] = [];
  for (let start = 0; start < byIndex.length; start += perWindow) {
    const window = byIndex.slice(start, start + perWindow).filter((ms) => ms !== undefined);
    if (window.length > 0) windowP99.push(percentile(window, 99));
  }
  const over = answered.filter((ms) => ms > TARGET_LATENCY_MS).length;
  return {
    count: answered.length,
    p999: percentile(answered, 99.9),
    max: percentile(answered, 100),
    over,
    overPct: answered.length ? Math.round((over / answered.length) * 1000) / 10 : 0,
    windowP99,
  };
}

async function main(): Promise<void> {
  const verifiesAtStart = ed25519VerifiesPerSecond();
  const rig = await startDepositRig({
    // As deployed (docker-compose): the API and the anchor worker are separate processes on
    // one data dir, so neither waits behind the other's event loop. BENCH_ONE_PROCESS=1 runs
    // both roles in one process instead.
    oneProcess: process.env.BENCH_ONE_PROCESS === '1',
    profileDir: process.env.BENCH_PROFILE_DIR,
  });
  const { api, worker, processes } = rig;
  const pid = api.child.pid!;
  try {
    const total =
      STEP_DEPOSITS * (CONCURRENCY_STEPS.length + 1) +
      200 +
      500 * SUSTAINED_SECONDS +
      BATCH_STEP_DEPOSITS * BATCH_CONCURRENCY_STEPS.length +
      1000 * SUSTAINED_SECONDS +
      500 * HALF_RATE_SECONDS +
      250 * HALF_RATE_SECONDS +
      (TARGET_RATE / 2) * TARGET_PHASE_SECONDS;
    const t0 = performance.now();
    const prepared = rig.prepare(total);
    log(
      `prepared ${prepared.length} deposits of ${rig.textBytes} bytes with 2 signatures in ${Math.round(performance.now() - t0)} ms`,
    );

    let cursor = 0;
    const sender = depositSender(api.url, rig.token, log);
    const send = () => sender.one(prepared[cursor++]);
    const sendBatchOf = (size: number) => () => sender.batch(prepared.slice(cursor, (cursor += size)));
    const show = (label: string, r: LoadResult, perRequest = 1) =>
      log(
        `${label.padEnd(34)} ${String(r.perSecond * perRequest).padStart(5)} deposits/s  p50 ${r.p50} ms  p99 ${r.p99} ms  (${r.count} requests ok, ${r.errors} errors, ${r.seconds} s)`,
      );
    const showCpu = (cpu: Record<string, number>) =>
      log(
        `  CPU ms per deposit: ${Object.entries(cpu)
          .map(([label, ms]) => `${label} ${ms}`)
          .join(', ')} (bench = the load generator)`,
      );

    /** Rising concurrency, then the best of it sustained; deposits/s and CPU per deposit. */
    const rampAndSustain = async (
      name: string,
      steps: number[],
      stepRequests: number,
      sendOne: () => Promise<boolean>,
      perRequest: number,
      sustainedRequests: (perSecond: number) => number,
    ) => {
      let best = { concurrency: steps[0], perSecond: 0 };
      for (const concurrency of steps) {
        const result = await closedLoop(stepRequests, concurrency, sendOne);
        show(`${name}, concurrency ${concurrency}`, result, perRequest);
        if (result.perSecond > best.perSecond && result.errors === 0)
          best = { concurrency, perSecond: result.perSecond };
      }
      const cpuBefore = snapshotCpu(processes);
      const result = await closedLoop(sustainedRequests(best.perSecond), best.concurrency, sendOne);
      const cpu = cpuPerUnit(cpuBefore, snapshotCpu(processes), result.count * perRequest);
      show(`${name}, sustained, concurrency ${best.concurrency}`, result, perRequest);
      showCpu(cpu);
      return { depositsPerSec: result.perSecond * perRequest, errors: result.errors, cpu };
    };

    show('warm-up, concurrency 8', await closedLoop(STEP_DEPOSITS, 8, send));
    show('one at a time (unloaded)', await closedLoop(100, 1, send));
    show('10 per request, one at a time', await closedLoop(10, 1, sendBatchOf(10)), 10);
    const single = await rampAndSustain(
      'one per request',
      CONCURRENCY_STEPS,
      STEP_DEPOSITS,
      send,
      1,
      (rate) => Math.min(500, rate) * SUSTAINED_SECONDS,
    );
    const batched = await rampAndSustain(
      `${BATCH_SIZE} per request`,
      BATCH_CONCURRENCY_STEPS,
      BATCH_STEP_DEPOSITS / BATCH_SIZE,
      sendBatchOf(BATCH_SIZE),
      BATCH_SIZE,
      (rate) => Math.ceil((Math.min(1000, rate * BATCH_SIZE) * SUSTAINED_SECONDS) / BATCH_SIZE),
    );
    // Latency at half the reached rate, with deposits arriving at that rate (open loop),
    // measured in steady state: first the worker finishes what the saturated phases left it
    // (a backlog it would otherwise still be anchoring and finalising, beside the traffic).
    const settle = async () =>
      log(`  (waited ${await rig.settle()} ms for every deposit so far to be FINAL)`);
    /** Open loop at `rate` deposits/s, `perRequest` at a time; CPU per deposit and steal beside. */
    const latencyPhase = async (
      label: string,
      rate: number,
      perRequest: number,
      seconds = HALF_RATE_SECONDS,
    ) => {
      await settle();
      const cpuBefore = snapshotCpu(processes);
      const ticksBefore = machineTicks();
      const latencies: number[] = [];
      const result = await openLoop(
        rate / perRequest,
        seconds,
        perRequest === 1 ? send : sendBatchOf(perRequest),
        (index, ms, ok) => {
          if (ok) latencies[index] = ms;
        },
      );
      const cpu = cpuPerUnit(cpuBefore, snapshotCpu(processes), result.count * perRequest);
      const steal = stealPercent(ticksBefore, machineTicks());
      show(
        `open loop at ${rate}/s${label}, ${perRequest === 1 ? 'one' : perRequest} per request`,
        result,
        perRequest,
      );
      showCpu(cpu);
      log(`  steal: ${steal}% of the machine's CPU time went to other guests`);
      const tail = tailOf(latencies, rate / perRequest);
      log(
        `  p99.9 ${tail.p999} ms, max ${tail.max} ms; over ${TARGET_LATENCY_MS} ms: ${tail.over} of ${tail.count} requests (${tail.overPct}%); p99 of each ${WINDOW_SECONDS} s: ${tail.windowP99.join(', ')} ms`,
      );
      return { ...result, cpu, steal, tail };
    };
    const reached = Math.max(single.depositsPerSec, batched.depositsPerSec);
    const halfRate = Math.max(LATENCY_BATCH_SIZE, Math.floor(Math.min(reached, 1000) / 2));
    const half = await latencyPhase('', halfRate, LATENCY_BATCH_SIZE);
    // And one deposit per request, at half of what that way reached.
    const singleHalfRate = Math.max(1, Math.floor(Math.min(single.depositsPerSec, 500) / 2));
    const singleHalf = await latencyPhase('', singleHalfRate, 1);
    const targetHalfRate = TARGET_RATE / 2;
    const targetHalf = await latencyPhase(
      ' (half the target)',
      targetHalfRate,
      LATENCY_BATCH_SIZE,
      TARGET_PHASE_SECONDS,
    );

    // Anchoring lag: from the deposit's commit to the block that recorded it.
    const deadline = Date.now() + 60_000;
    let pending = 1;
    while (pending > 0 && Date.now() < deadline) {
      pending = Number(
        (await rig.pg.query(`select count(*) from agreements where anchored_at is null`)).rows[0].count,
      );
      if (pending > 0) await new Promise((done) => setTimeout(done, 500));
    }
    const lags = (
      await rig.pg.query<{ lag: string }>(
        `select extract(epoch from anchored_at - created_at) * 1000 as lag from agreements where anchored_at is not null`,
      )
    ).rows.map((row) => Number(row.lag));
    const [{ batches }] = (
      await rig.pg.query<{ batches: string }>(
        `select count(*) as batches from chain_transactions where kind = 'agreement_batch' or kind like '%batch%'`,
      )
    ).rows;
    const peak = peakRssMb(pid);
    // Once the worker is done: the machine quiet again, as before the run.
    const verifiesAtEnd = ed25519VerifiesPerSecond();
    log(
      `machine: ${verifiesAtStart} Ed25519 verifications/s on one core before the run, ${verifiesAtEnd} after`,
    );
    log(
      `anchoring lag over ${lags.length} agreements: p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms (${pending} not anchored after the run; ${batches} batch transactions)`,
    );
    log(
      `service peak resident memory: ${peak} MiB${worker ? `; anchor worker ${peakRssMb(worker.child.pid!)} MiB` : ''}`,
    );
    if (process.env.BENCH_SHOW_OUTPUT) log(api.output().slice(-3000));
    log(
      JSON.stringify({
        bench: 'deposit',
        depositsPerSec: reached,
        singleDepositsPerSec: single.depositsPerSec,
        batchedDepositsPerSec: batched.depositsPerSec,
        batchSize: BATCH_SIZE,
        p99Ms: half.p99,
        p50Ms: half.p50,
        halfRatePerSec: halfRate,
        latencyBatchSize: LATENCY_BATCH_SIZE,
        singleP99Ms: singleHalf.p99,
        singleHalfRatePerSec: singleHalfRate,
        targetHalfP99Ms: targetHalf.p99,
        targetHalfP50Ms: targetHalf.p50,
        targetHalfP999Ms: targetHalf.tail.p999,
        targetHalfOver50MsPct: targetHalf.tail.overPct,
        targetHalfWindowP99Ms: targetHalf.tail.windowP99,
        targetHalfSeconds: TARGET_PHASE_SECONDS,
        targetHalfRatePerSec: targetHalfRate,
        anchorLagP50Ms: percentile(lags, 50),
        anchorLagP99Ms: percentile(lags, 99),
        peakRssMb: peak,
        cpuMsPerDeposit: { single: single.cpu, batched: batched.cpu, targetHalf: targetHalf.cpu },
        stealPct: { half: half.steal, singleHalf: singleHalf.steal, targetHalf: targetHalf.steal },
        machineVerifiesPerSec: { start: verifiesAtStart, end: verifiesAtEnd },
      }),
    );
  } finally {
    await rig.stop();
  }
}

runBench(main);
