// One policy decision over the three example packs (EU, US, SG all deciding one deal): the
// packs compiled once, then decidePolicy per deposit with one Cedar call per pack — the
// memo of answers off, so each round pays the engine as a deal of a new kind does (with it
// on, a repeated deal costs a lookup). Target (issue 21): p99 ≤ 1 ms. `npm run bench:policy`.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decidePolicy, type PolicyInput } from '@signet/domain';
import { CedarPolicyPackCompiler, readPackDirectory } from '@signet/policy';

const ROUNDS = 20_000;
const WARM_UP = 2_000;

const compiler = new CedarPolicyPackCompiler(0);
const packs = ['EU', 'US', 'SG'].map((j) =>
  compiler.compile(readPackDirectory(join(__dirname, '../../policies', j))),
);

const input: PolicyInput = {
  deal: {
    type: 'supply',
    jurisdictions: ['DE', 'US-NY', 'SG'],
    effectiveAt: '2026-06-01',
    expiresAt: '2028-06-01',
    value: '1500000',
    currency: 'EUR',
    terms: {
      template: '0x587b788004d0131bc5591382df7c262dc602b7e6bc4023d172f4ccd910f64b25',
      categories: ['pricing'],
    },
  },
  parties: [{ home: 'DE' }, { home: 'US' }],
  parent: {
    type: 'nda',
    effectiveAt: '2026-01-01',
    terms: { confidentiality: { categories: ['pricing'], periodDays: 730, destroyAfterDays: 30 } },
  },
  mandateExceeded: false,
};

for (let i = 0; i < WARM_UP; i++) decidePolicy(packs, input);
// Wall time and CPU time of each decision: on a shared machine the wall time's tail is the
// scheduler's (the process waiting for a core), the CPU time's is the decision's own.
const times = new Float64Array(ROUNDS);
const cpu = new Float64Array(ROUNDS);
for (let i = 0; i < ROUNDS; i++) {
  const used = process.cpuUsage();
  const start = performance.now();
  decidePolicy(packs, input);
  times[i] = performance.now() - start;
  const spent = process.cpuUsage(used);
  cpu[i] = (spent.user + spent.system) / 1000;
}
times.sort();
cpu.sort();
const quantile = (values: Float64Array, q: number) =>
  values[Math.min(ROUNDS - 1, Math.floor(q * ROUNDS))] * 1000;
const at = (q: number) => quantile(times, q);
const decision = decidePolicy(packs, input);
console.log(
  `policy decision over ${packs.length} packs (${decision.packs.map((p) => p.jurisdiction).join(', ')} deciding; ${decision.outcome}: ${decision.reasons.map((r) => r.code).join(', ')})`,
);
console.log(
  `  ${ROUNDS} decisions: p50 ${at(0.5).toFixed(0)} µs, p99 ${at(0.99).toFixed(0)} µs, max ${at(1).toFixed(0)} µs`,
);
console.log(
  `  CPU time per decision: p50 ${quantile(cpu, 0.5).toFixed(0)} µs, p99 ${quantile(cpu, 0.99).toFixed(0)} µs`,
);
console.log(
  `  target p99 ≤ 1000 µs: wall ${at(0.99) <= 1000 ? 'met' : 'MISSED'}, CPU ${quantile(cpu, 0.99) <= 1000 ? 'met' : 'MISSED'}`,
);
console.log(
  JSON.stringify({
    bench: 'policy',
    packs: packs.length,
    p50Us: at(0.5),
    p99Us: at(0.99),
    cpuP50Us: quantile(cpu, 0.5),
    cpuP99Us: quantile(cpu, 0.99),
  }),
);
