import type {
  Feature,
  FindingAction,
  FindingSeverity,
  MonitoringRules,
  NoveltyFeature,
  NoveltyRule,
  RateFeature,
  RateRule,
  ValueRule,
} from './monitoring-rules';
import { newRateState, observeRate, rateVerdict, type RateBaseline, type RateState } from './rate-baseline';
import {
  newValueState,
  observeValue,
  valueVerdict,
  type ValueBaseline,
  type ValueState,
} from './value-baseline';
import { reorgVerdict, type ReorgBaseline, type ReorgRule, type SystemFeature } from './chain-findings';

/** What a credential did, as the monitor hears of it (`at` in ms since the epoch). */
export type BehaviourEvent =
  | { kind: 'deposits'; at: number; count: number; refused: number }
  | {
      kind: 'deal';
      at: number;
      type: string;
      currency: string | null;
      value: string | null;
      jurisdictions: string[];
      /** The other parties' organisations and their home jurisdictions. */
      counterparties: string[];
      counterpartyJurisdictions: string[];
    }
  | { kind: 'ratification.requested'; at: number; count: number }
  | { kind: 'login.failed'; at: number }
  | { kind: 'sealed.open'; at: number };

/** A credential's baselines, kept durably (one JSON document per credential). */
export interface BehaviourState {
  version: 1;
  deals: number;
  rates: Partial<Record<RateFeature, RateState>>;
  values: Record<string, ValueState>;
  seen: Partial<Record<NoveltyFeature, string[]>>;
}

export type FindingBaseline =
  | ({ kind: 'rate' } & RateBaseline)
  | ({ kind: 'value' } & ValueBaseline)
  | { kind: 'novelty'; deals: number; seen: string[] }
  | ReorgBaseline;

/** A deviation, with the baseline and thresholds it was judged by (`recomputeVerdict`). */
export interface NewFinding {
  feature: Feature | SystemFeature;
  /** The value per type and currency (`SUPPLY/EUR`), the new counter-party, …; null for a rate. */
  key: string | null;
  severity: FindingSeverity;
  action: FindingAction;
  /** The window's count, the robust z-score, or 1 for something new. */
  observed: number;
  baseline: FindingBaseline;
  threshold: RateRule | ValueRule | NoveltyRule | ReorgRule;
  at: number;
  message: string;
}

const MAX_SEEN = 256;
const MAX_VALUE_KEYS = 32;

export function newBehaviourState(): BehaviourState {
  return { version: 1, deals: 0, rates: {}, values: {}, seen: {} };
}

function rate(
  state: BehaviourState,
  rules: MonitoringRules,
  feature: RateFeature,
  count: number,
  at: number,
  out: NewFinding[],
): void {
  if (count <= 0) return;
  const rule = rules.rates[feature];
  const current = (state.rates[feature] ??= newRateState(at));
  const hit = observeRate(current, count, at, rule);
  if (!hit) return;
  out.push({
    feature,
    key: null,
    severity: rule.severity,
    action: rule.action,
    observed: hit.observed,
    baseline: { kind: 'rate', ...hit.baseline },
    threshold: {
      ratio: rule.ratio,
      z: rule.z,
      minCount: rule.minCount,
      floorPerMinute: rule.floorPerMinute,
      newFloorPerMinute: rule.newFloorPerMinute,
    },
    at,
    message: `${hit.observed} in the last minute where ${round(hit.baseline.expected)} were expected`,
  });
}

function novelty(
  state: BehaviourState,
  rules: MonitoringRules,
  feature: NoveltyFeature,
  values: string[],
  at: number,
  out: NewFinding[],
): void {
  const rule = rules.novelty[feature];
  const seen = (state.seen[feature] ??= []);
  for (const [index, value] of values.entries()) {
    if (seen.includes(value) || values.indexOf(value) !== index) continue;
    if (state.deals >= rule.warmup) {
      out.push({
        feature,
        key: value,
        severity: rule.severity,
        action: rule.action,
        observed: 1,
        baseline: { kind: 'novelty', deals: state.deals, seen: [...seen] },
        threshold: { warmup: rule.warmup },
        at,
        message: `first ${feature.slice('deal.'.length)} ${value} after ${state.deals} deals`,
      });
    }
    seen.push(value);
    if (seen.length > MAX_SEEN) seen.shift();
  }
}

function value(
  state: BehaviourState,
  rules: MonitoringRules,
  event: Extract<BehaviourEvent, { kind: 'deal' }>,
  out: NewFinding[],
): void {
  if (event.value === null || event.currency === null) return;
  const key = `${event.type.toUpperCase()}/${event.currency}`;
  let current = state.values[key];
  if (!current) {
    if (Object.keys(state.values).length >= MAX_VALUE_KEYS) return;
    current = state.values[key] = newValueState();
  }
  const rule = rules.value;
  const hit = observeValue(current, Number(event.value), rule);
  if (!hit) return;
  out.push({
    feature: 'deal.value',
    key,
    severity: rule.severity,
    action: rule.action,
    observed: round(Math.abs(hit.logValue - hit.median) / Math.max(1.4826 * hit.mad, rule.minSpread)),
    baseline: { kind: 'value', ...hit },
    threshold: { z: rule.z, minSamples: rule.minSamples, minSpread: rule.minSpread },
    at: event.at,
    message: `${event.value} ${event.currency} is ${round(Math.exp(hit.logValue - hit.median))}× the median`,
  });
}

/** Feeds one event into the state (changed in place) and answers the findings it raises. */
export function observeBehaviour(
  state: BehaviourState,
  event: BehaviourEvent,
  rules: MonitoringRules,
): NewFinding[] {
  const out: NewFinding[] = [];
  switch (event.kind) {
    case 'deposits':
      rate(state, rules, 'deposit.rate', event.count, event.at, out);
      rate(state, rules, 'refusal.rate', event.refused, event.at, out);
      break;
    case 'ratification.requested':
      rate(state, rules, 'ratification.rate', event.count, event.at, out);
      break;
    case 'login.failed':
      rate(state, rules, 'login.failures', 1, event.at, out);
      break;
    case 'sealed.open':
      rate(state, rules, 'sealed.open.rate', 1, event.at, out);
      break;
    case 'deal':
      value(state, rules, event, out);
      novelty(state, rules, 'deal.counterparty', event.counterparties, event.at, out);
      novelty(state, rules, 'deal.counterpartyJurisdiction', event.counterpartyJurisdictions, event.at, out);
      novelty(state, rules, 'deal.type', [event.type.toUpperCase()], event.at, out);
      novelty(state, rules, 'deal.jurisdiction', event.jurisdictions, event.at, out);
      state.deals++;
      break;
  }
  return out;
}

/** The verdict again, from what the finding recorded alone: true when it was rightly raised. */
export function recomputeVerdict(
  finding: Pick<NewFinding, 'baseline' | 'threshold' | 'observed' | 'key'>,
): boolean {
  const { baseline } = finding;
  switch (baseline.kind) {
    case 'rate':
      return rateVerdict(finding.observed, baseline.expected, finding.threshold as RateRule);
    case 'value':
      return valueVerdict(baseline, finding.threshold as ValueRule);
    case 'novelty':
      return (
        finding.key !== null &&
        !baseline.seen.includes(finding.key) &&
        baseline.deals >= (finding.threshold as NoveltyRule).warmup
      );
    case 'reorg':
      return reorgVerdict(baseline);
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
