import type { ValueRule } from './monitoring-rules';

/** The last values kept per type and currency (natural logs), and how often the summary is redone. */
const KEEP = 256;
const REFRESH_EVERY = 32;
/** MAD of a normal distribution is 0.6745 σ: 1.4826 · MAD estimates σ. */
const MAD_TO_SIGMA = 1.4826;

export interface ValueState {
  logs: number[];
  next: number;
  median: number;
  mad: number;
  sinceRefresh: number;
}

/** What a value verdict was made against: enough to make it again (`valueVerdict`). */
export interface ValueBaseline {
  logValue: number;
  median: number;
  mad: number;
  samples: number;
}

export function newValueState(): ValueState {
  return { logs: [], next: 0, median: 0, mad: 0, sinceRefresh: 0 };
}

function medianOf(sorted: Float64Array): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarise(logs: number[]): { median: number; mad: number } {
  // Typed arrays sort numerically, several times faster than a comparator.
  const median = medianOf(Float64Array.from(logs).sort());
  const mad = medianOf(Float64Array.from(logs, (x) => Math.abs(x - median)).sort());
  return { median, mad };
}

/** The robust z-score of a log value against a median and MAD. */
export function robustZ(logValue: number, median: number, mad: number, rule: ValueRule): number {
  return Math.abs(logValue - median) / Math.max(MAD_TO_SIGMA * mad, rule.minSpread);
}

export function valueVerdict(baseline: ValueBaseline, rule: ValueRule): boolean {
  return (
    baseline.samples >= rule.minSamples &&
    robustZ(baseline.logValue, baseline.median, baseline.mad, rule) > rule.z
  );
}

/**
 * Adds a deal's value and answers its baseline when it makes a finding, else null. The
 * summary is kept and redone every few values; a value that looks like a finding against
 * it is judged again against a fresh one, so a stale summary never raises a finding alone.
 */
export function observeValue(state: ValueState, value: number, rule: ValueRule): ValueBaseline | null {
  if (!(value > 0) || !Number.isFinite(value)) return null;
  const logValue = Math.log(value);
  let found: ValueBaseline | null = null;
  if (state.logs.length >= rule.minSamples) {
    if (state.sinceRefresh >= REFRESH_EVERY) refresh(state);
    if (robustZ(logValue, state.median, state.mad, rule) > rule.z) {
      refresh(state);
      const baseline = { logValue, median: state.median, mad: state.mad, samples: state.logs.length };
      if (valueVerdict(baseline, rule)) found = baseline;
    }
  }
  if (state.logs.length < KEEP) state.logs.push(logValue);
  else state.logs[state.next] = logValue;
  state.next = (state.next + 1) % KEEP;
  state.sinceRefresh++;
  if (state.logs.length === rule.minSamples) refresh(state);
  return found;
}

function refresh(state: ValueState): void {
  const { median, mad } = summarise(state.logs);
  state.median = median;
  state.mad = mad;
  state.sinceRefresh = 0;
}
