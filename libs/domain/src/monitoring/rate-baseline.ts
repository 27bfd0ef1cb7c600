import type { RateRule } from './monitoring-rules';

const MINUTE_MS = 60_000;
const SLOTS = 24;
/** EWMA weights per folded minute: the level over ~16 hours, an hour-of-day slot over ~50 of its minutes. */
const LEVEL_ALPHA = 0.001;
const SLOT_ALPHA = 0.02;
/** Minutes a slot (or the level) must have seen before it is trusted over the floor. */
const SLOT_READY = 30;
const LEVEL_READY = 60;
/** A gap longer than a day is folded as a day of empty minutes: every slot has seen it. */
const MAX_GAP = 1440;

/**
 * A per-minute rate against the credential's own seasonal profile: Holt-Winters without
 * trend, i.e. an EWMA level and an EWMA per hour of day (UTC), fed one completed minute at
 * a time. The window compared is the last 60 s, estimated from this minute's count and the
 * previous minute's, weighted by how much of it still falls in the window.
 */
export interface RateState {
  minute: number;
  count: number;
  previous: number;
  level: number;
  minutes: number;
  slots: number[];
  slotMinutes: number[];
  quietUntil: number;
}

/** What a rate verdict was made against: enough to make it again (`rateVerdict`). */
export interface RateBaseline {
  expected: number;
  /** `slot`, `level` or `floor`: which estimate `expected` came from. */
  source: 'slot' | 'level' | 'floor';
  hourOfDay: number;
}

export function newRateState(at: number): RateState {
  return {
    minute: Math.floor(at / MINUTE_MS),
    count: 0,
    previous: 0,
    level: 0,
    minutes: 0,
    slots: new Array<number>(SLOTS).fill(0),
    slotMinutes: new Array<number>(SLOTS).fill(0),
    quietUntil: 0,
  };
}

function fold(state: RateState, minute: number, count: number): void {
  // The first minutes average plainly, then each estimate moves as an EWMA.
  state.level += Math.max(LEVEL_ALPHA, 1 / (state.minutes + 1)) * (count - state.level);
  const slot = hourOf(minute);
  const seen = state.slotMinutes[slot];
  state.slots[slot] += Math.max(SLOT_ALPHA, 1 / (seen + 1)) * (count - state.slots[slot]);
  state.slotMinutes[slot] = Math.min(seen + 1, 1_000_000);
  state.minutes = Math.min(state.minutes + 1, 1_000_000);
}

function hourOf(minute: number): number {
  return Math.floor(minute / 60) % SLOTS;
}

/** Brings the state to the minute of `at`, folding every completed minute (empty ones too). */
function advance(state: RateState, at: number): void {
  const minute = Math.floor(at / MINUTE_MS);
  if (minute <= state.minute) return;
  const gap = minute - state.minute;
  fold(state, state.minute, state.count);
  const empty = Math.min(gap - 1, MAX_GAP);
  for (let m = minute - empty; m < minute; m++) fold(state, m, 0);
  state.previous = gap === 1 ? state.count : 0;
  state.count = 0;
  state.minute = minute;
}

export function rateBaseline(state: RateState, rule: RateRule): RateBaseline {
  const hourOfDay = hourOf(state.minute);
  let expected = 0;
  let source: RateBaseline['source'] = 'floor';
  if (state.slotMinutes[hourOfDay] >= SLOT_READY) {
    expected = state.slots[hourOfDay];
    source = 'slot';
  } else if (state.minutes >= LEVEL_READY) {
    expected = state.level;
    source = 'level';
  }
  const floor = state.minutes < LEVEL_READY ? rule.newFloorPerMinute : rule.floorPerMinute;
  if (expected < floor) {
    expected = floor;
    source = 'floor';
  }
  return { expected, source, hourOfDay };
}

/** The verdict, from the observed window and the expected count alone. */
export function rateVerdict(observed: number, expected: number, rule: RateRule): boolean {
  return (
    observed >= rule.minCount &&
    observed >= rule.ratio * expected &&
    (observed - expected) / Math.sqrt(expected) >= rule.z
  );
}

export interface RateObservation {
  observed: number;
  baseline: RateBaseline;
}

/**
 * Counts `count` events at `at` and answers the window and its baseline when they make a
 * finding (and the feature is not in its cool-down), else null.
 */
export function observeRate(
  state: RateState,
  count: number,
  at: number,
  rule: RateRule & { cooldownMinutes: number },
): RateObservation | null {
  advance(state, at);
  state.count += count;
  if (at < state.quietUntil) return null;
  const into = (at - state.minute * MINUTE_MS) / MINUTE_MS;
  const observed = state.count + state.previous * (1 - into);
  const baseline = rateBaseline(state, rule);
  if (!rateVerdict(observed, baseline.expected, rule)) return null;
  state.quietUntil = at + rule.cooldownMinutes * MINUTE_MS;
  return { observed, baseline };
}
