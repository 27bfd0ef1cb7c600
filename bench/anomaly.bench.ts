/**
 * `npm run bench:anomaly`: behaviour monitoring's detection quality (issue 22). A synthetic
 * population of 200 credentials (180 agents, 20 regulators) behaves steadily and
 * seasonally (a daily cycle) for a simulated week; then 10 change: 3 agents burst (×5
 * deposits), 3 deal at 20× their values, 2 take a counter-party in a new country, 2
 * regulators read 50× their norm. Every event goes through the same pure code the service
 * runs (observeBehaviour with the default rules, libs/domain/src/monitoring). Printed:
 * recall (changed credentials with a finding within 60 s of the change), precision, the
 * false-finding rate over the whole simulated week (steady credentials with any finding)
 * and the p99 detection delay; the last line is JSON. BENCH_SEED picks another population.
 */
import {
  DEFAULT_MONITORING_RULES,
  newBehaviourState,
  observeBehaviour,
  type BehaviourEvent,
  type NewFinding,
} from '@signet/domain';
import { runBench } from './support/run-bench';

interface Random {
  next(): number;
  int(min: number, max: number): number;
}

/** sfc32, seeded: the same BENCH_SEED gives the same population and the same week. */
function seededRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const T0 = Date.UTC(2026, 0, 5);
const WEEK_END = T0 + 7 * DAY;
const END = WEEK_END + 60 * MINUTE;
const AGENTS = 180;
const REGULATORS = 20;
const DETECT_WITHIN_MS = 60_000;

type Change = 'burst' | 'value' | 'country' | 'reads';
const CHANGES: Change[] = [
  'burst',
  'burst',
  'burst',
  'value',
  'value',
  'value',
  'country',
  'country',
  'reads',
  'reads',
];

interface Credential {
  kind: 'agent' | 'regulator';
  /** Events per minute at the daily mean, the cycle's amplitude and phase. */
  base: number;
  amplitude: number;
  phase: number;
  types: string[];
  medians: number[];
  counterparties: Array<{ org: string; home: string }>;
  change: Change | null;
  changeAt: number;
}

function rateAt(c: Credential, at: number): number {
  const seasonal = c.base * (1 + c.amplitude * Math.sin((2 * Math.PI * (at - T0)) / DAY + c.phase));
  if (c.change === null || at < c.changeAt) return seasonal;
  if (c.change === 'burst') return seasonal * 5;
  if (c.change === 'reads') return seasonal * 50;
  return seasonal;
}

function population(random: Random): Credential[] {
  const countries = ['DE', 'FR', 'NL', 'IT', 'ES'];
  const out: Credential[] = [];
  for (let i = 0; i < AGENTS + REGULATORS; i++) {
    const kind = i < AGENTS ? 'agent' : 'regulator';
    const home = countries[i % countries.length];
    out.push({
      kind,
      // Agents deposit 15–30 a minute on average, regulators read 1–3.
      base: kind === 'agent' ? 15 + 15 * random.next() : 1 + 2 * random.next(),
      amplitude: 0.3,
      phase: 2 * Math.PI * random.next(),
      types: ['SUPPLY', 'SERVICE'],
      medians: [1000 + 9000 * random.next(), 50_000 + 50_000 * random.next()],
      counterparties: [0, 1, 2].map((k) => ({ org: `org-${(i + k + 1) % 40}`, home })),
      change: null,
      changeAt: Infinity,
    });
  }
  // The changed: agents for the first eight changes, regulators for the reads.
  const agents = out.slice(0, AGENTS);
  const regulators = out.slice(AGENTS);
  for (const change of CHANGES) {
    const pool = change === 'reads' ? regulators : agents;
    let pick: Credential;
    do pick = pool[random.int(0, pool.length - 1)];
    while (pick.change !== null);
    pick.change = change;
    pick.changeAt = WEEK_END + Math.floor(random.next() * 50 * MINUTE);
  }
  return out;
}

function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** Runs one credential's week and hour through its baseline; its findings. */
function simulate(c: Credential, random: Random): NewFinding[] {
  const state = newBehaviourState();
  const rules = DEFAULT_MONITORING_RULES;
  const findings: NewFinding[] = [];
  const peak = c.base * (1 + c.amplitude) * (c.change === 'reads' ? 50 : c.change === 'burst' ? 5 : 1);
  let newCountryDone = false;
  // A Poisson process of varying rate, by thinning one of the peak rate.
  for (let at = T0; ;) {
    at += (-Math.log(1 - random.next()) / peak) * MINUTE;
    if (at >= END) break;
    if (random.next() * peak > rateAt(c, at)) continue;
    const time = Math.floor(at);
    if (c.kind === 'regulator') {
      findings.push(...observeBehaviour(state, { kind: 'sealed.open', at: time }, rules));
      continue;
    }
    findings.push(...observeBehaviour(state, { kind: 'deposits', at: time, count: 1, refused: 0 }, rules));
    const which = random.int(0, c.types.length - 1);
    let value = c.medians[which] * Math.exp(0.3 * gaussian(random));
    if (c.change === 'value' && at >= c.changeAt) value *= 20;
    let party = c.counterparties[random.int(0, c.counterparties.length - 1)];
    if (c.change === 'country' && at >= c.changeAt && !newCountryDone) {
      party = { org: 'org-new', home: 'KY' };
      newCountryDone = true;
    }
    const deal: BehaviourEvent = {
      kind: 'deal',
      at: time,
      type: c.types[which],
      currency: 'EUR',
      value: String(Math.round(value * 100) / 100),
      jurisdictions: [c.counterparties[0].home],
      counterparties: [party.org],
      counterpartyJurisdictions: [party.home],
    };
    findings.push(...observeBehaviour(state, deal, rules));
  }
  return findings;
}

runBench(() => {
  const seed = Number(process.env.BENCH_SEED ?? 22);
  const random = seededRandom(seed);
  const credentials = population(random);
  const started = performance.now();
  let detected = 0;
  let falseCredentials = 0;
  let steadyWithFinding = 0;
  const delays: number[] = [];
  const features = new Map<string, number>();
  const falseBy = new Map<string, number>();
  for (const c of credentials) {
    const findings = simulate(c, random);
    for (const f of findings) features.set(f.feature, (features.get(f.feature) ?? 0) + 1);
    if (c.change === null) {
      if (findings.length > 0) {
        steadyWithFinding++;
        falseCredentials++;
        const key = `${c.kind} ${[...new Set(findings.map((f) => f.feature))].join('+')}`;
        falseBy.set(key, (falseBy.get(key) ?? 0) + 1);
      }
      continue;
    }
    const early = findings.some((f) => f.at < c.changeAt);
    const first = findings.find((f) => f.at >= c.changeAt);
    if (early) falseCredentials++;
    if (first && first.at - c.changeAt <= DETECT_WITHIN_MS) {
      detected++;
      delays.push((first.at - c.changeAt) / 1000);
    }
    console.log(
      `  ${c.change.padEnd(7)} ${first ? `found after ${((first.at - c.changeAt) / 1000).toFixed(1)} s by ${first.feature}` : 'NOT FOUND'}`,
    );
  }
  const changed = CHANGES.length;
  const steady = credentials.length - changed;
  const recall = detected / changed;
  const precision = detected + falseCredentials > 0 ? detected / (detected + falseCredentials) : 1;
  const falseFindingRate = steadyWithFinding / steady;
  delays.sort((a, b) => a - b);
  const p99 = delays.length ? delays[Math.min(delays.length - 1, Math.ceil(0.99 * delays.length) - 1)] : NaN;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `behaviour monitoring: ${credentials.length} credentials, a simulated week and an hour (seed ${seed}, ${seconds.toFixed(1)} s)`,
  );
  console.log(`  findings by feature: ${[...features].map(([f, n]) => `${f} ${n}`).join(', ') || 'none'}`);
  console.log(
    `  steady credentials with findings: ${[...falseBy].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`,
  );
  console.log(
    `  recall ${recall.toFixed(2)} (${detected}/${changed} within 60 s), precision ${precision.toFixed(2)}, ` +
      `false findings on ${steadyWithFinding}/${steady} steady credentials (${(100 * falseFindingRate).toFixed(1)}%), ` +
      `detection p99 ${p99.toFixed(1)} s`,
  );
  console.log(
    `  targets: recall 1 ${recall === 1 ? 'met' : 'MISSED'}, false findings ≤ 1% ${falseFindingRate <= 0.01 ? 'met' : 'MISSED'}`,
  );
  console.log(
    JSON.stringify({
      bench: 'anomaly',
      agents: credentials.length,
      changed,
      recall,
      precision,
      falseFindingRate,
      detectionP99Seconds: p99,
    }),
  );
  return Promise.resolve();
});
