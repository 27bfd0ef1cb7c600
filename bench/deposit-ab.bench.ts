/**
 * npm run bench:deposit:ab — two builds of the deposit path side by side, for deciding
 * whether a change makes deposits faster on a machine whose speed drifts.
 *
 * On these shared virtual machines the same code measured p99 50 ms one hour and 250 ms the
 * next; runs one after the other cannot tell a change from the machine. Here two services in
 * the `api` role, A and B, run at once against one database, one S3 endpoint, one chain and
 * one anchor worker, and an open loop sends each request to one of them, in random order
 * within each pair: both see the same machine at the same moments. They differ only by
 * environment and node options:
 *
 *   BENCH_A_ENV / BENCH_B_ENV              "NAME=value NAME2=value2"
 *   BENCH_A_NODE_ARGS / BENCH_B_NODE_ARGS  "--flag --flag2"
 *   BENCH_A_ROOT / BENCH_B_ROOT            another checkout, built (`npm run build` there), whose
 *                                          service that side runs; default this one. Old code
 *                                          against new: `git archive <ref> | tar -x -C dir`, link
 *                                          node_modules, build, BENCH_A_ROOT=dir
 *   BENCH_AB_RATE (250 deposits/s), BENCH_AB_BATCH (10 a request), BENCH_AB_SECONDS (60)
 *   BENCH_AB_PACKS=EU,US,SG  publishes and activates those example packs; then A deposits
 *                            deals no pack decides (JP, CA, BR) and B the same deals where
 *                            all three decide (DE, US, SG): the cost of the packs, side by side
 *
 * With both empty it is an A/A run: the difference it prints is the noise. The last line is
 * JSON with p50/p90/p99 and the API's CPU per deposit, for A and for B.
 */
import { openLoop, percentile } from './support/latency';
import { cpuPerUnit, snapshotCpu } from './support/cpu-accounting';
import { NO_PACK_DEALS, PACK_DEALS, startDepositRig } from './support/deposit-rig';
import { depositSender } from './support/deposit-requests';
import { ed25519VerifiesPerSecond, machineTicks, peakRssMb, stealPercent } from './support/machine';
import { runBench } from './support/run-bench';

const RATE = Number(process.env.BENCH_AB_RATE) || 250;
const BATCH = Number(process.env.BENCH_AB_BATCH) || 10;
const SECONDS = Number(process.env.BENCH_AB_SECONDS) || 60;
const WARM_UP_REQUESTS = 200;
const PACKS = (process.env.BENCH_AB_PACKS ?? '').split(',').filter(Boolean);

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** "A=1 B=2" → { A: '1', B: '2' }. */
function envOf(spec: string | undefined): Record<string, string> {
  const pairs = (spec ?? '').split(/\s+/).filter(Boolean);
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`not NAME=value: ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

function argsOf(spec: string | undefined): string[] {
  return (spec ?? '').split(/\s+/).filter(Boolean);
}

/** What one side runs: its environment, node options and, when set, another checkout's build. */
function variantOf(side: 'A' | 'B'): { env: Record<string, string>; nodeArgs: string[]; root?: string } {
  const root = process.env[`BENCH_${side}_ROOT`] || undefined;
  return {
    env: envOf(process.env[`BENCH_${side}_ENV`]),
    nodeArgs: argsOf(process.env[`BENCH_${side}_NODE_ARGS`]),
    ...(root === undefined ? {} : { root }),
  };
}

async function main(): Promise<void> {
  const verifiesAtStart = ed25519VerifiesPerSecond();
  // The rig's own API sets up the agents and then idles: A and B are both started here, alike.
  const rig = await startDepositRig(PACKS.length > 0 ? { packs: PACKS } : {});
  const variants = {
    A: variantOf('A'),
    B: variantOf('B'),
  };
  const a = await rig.startApi(variants.A.env, variants.A.nodeArgs, variants.A.root);
  const b = await rig.startApi(variants.B.env, variants.B.nodeArgs, variants.B.root);
  try {
    for (const [name, variant] of Object.entries(variants)) {
      log(
        `${name}: env ${JSON.stringify(variant.env)}, node ${JSON.stringify(variant.nodeArgs)}, build ${variant.root ?? 'this checkout'}`,
      );
    }
    const requests = Math.round((RATE / BATCH) * SECONDS);
    if (PACKS.length > 0)
      log(
        `packs ${PACKS.join(', ')} active: A deals in ${NO_PACK_DEALS.jurisdictions.join(', ')}, B in ${PACK_DEALS.jurisdictions.join(', ')}`,
      );
    // Each side draws from its own deposits (the same but for where the packs decide them).
    const shapes = PACKS.length > 0 ? [NO_PACK_DEALS, PACK_DEALS] : [undefined, undefined];
    const pools = shapes.map((shape) => rig.prepare((requests + 2 * WARM_UP_REQUESTS) * BATCH, shape));
    const cursors = [0, 0];
    const next = (side: number) => pools[side].slice(cursors[side], (cursors[side] += BATCH));
    const senders = [depositSender(a.url, rig.token, log), depositSender(b.url, rig.token, log)];

    // Warm-up: both services compile their hot paths and fill their pools.
    for (let i = 0; i < WARM_UP_REQUESTS; i++)
      await Promise.all(senders.map((sender, side) => sender.batch(next(side))));
    log(`  (waited ${await rig.settle()} ms for every deposit so far to be FINAL)`);

    // Which service each request goes to: A and B once per pair, in random order.
    const target = Array.from({ length: requests }, (_, i) => i % 2);
    for (let i = 0; i + 1 < requests; i += 2) {
      if (Math.random() < 0.5) [target[i], target[i + 1]] = [target[i + 1], target[i]];
    }
    const latencies: [number[], number[]] = [[], []];
    const errors = [0, 0];
    const cpuBefore = snapshotCpu({ A: a.child.pid, B: b.child.pid });
    const ticksBefore = machineTicks();
    await openLoop(
      RATE / BATCH,
      SECONDS,
      async (index) => senders[target[index]].batch(next(target[index])),
      (index, ms, ok) => (ok ? latencies[target[index]].push(ms) : errors[target[index]]++),
    );
    const steal = stealPercent(ticksBefore, machineTicks());
    const cpu = cpuPerUnit(cpuBefore, snapshotCpu({ A: a.child.pid, B: b.child.pid }), 1);

    const figures = (['A', 'B'] as const).map((name, side) => {
      const deposits = latencies[side].length * BATCH;
      return {
        name,
        requests: latencies[side].length,
        errors: errors[side],
        p50Ms: percentile(latencies[side], 50),
        p90Ms: percentile(latencies[side], 90),
        p99Ms: percentile(latencies[side], 99),
        apiCpuMsPerDeposit: Math.round((cpu[name] / deposits) * 100) / 100,
        peakRssMb: peakRssMb([a, b][side].child.pid!),
      };
    });
    log(`open loop at ${RATE}/s, ${BATCH} per request, ${SECONDS} s; steal ${steal}%`);
    for (const f of figures) {
      log(
        `  ${f.name}: p50 ${f.p50Ms} ms  p90 ${f.p90Ms} ms  p99 ${f.p99Ms} ms  API CPU ${f.apiCpuMsPerDeposit} ms per deposit, peak RSS ${f.peakRssMb} MiB  (${f.requests} requests, ${f.errors} errors)`,
      );
    }
    const verifiesAtEnd = ed25519VerifiesPerSecond();
    log(
      `machine: ${verifiesAtStart} Ed25519 verifications/s on one core before the run, ${verifiesAtEnd} after`,
    );
    log(
      JSON.stringify({
        bench: 'deposit-ab',
        ratePerSec: RATE,
        batchSize: BATCH,
        seconds: SECONDS,
        stealPct: steal,
        machineVerifiesPerSec: { start: verifiesAtStart, end: verifiesAtEnd },
        packs: PACKS,
        A: { ...variants.A, ...figures[0] },
        B: { ...variants.B, ...figures[1] },
      }),
    );
  } finally {
    await a.stop();
    await b.stop();
    await rig.stop();
  }
}

runBench(main);
