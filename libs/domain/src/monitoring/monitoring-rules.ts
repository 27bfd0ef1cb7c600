/**
 * What behaviour monitoring looks for and what it does about it: data, never code paths.
 * The rules come from the `monitoring` member of a jurisdiction's policy pack (the
 * credential's home jurisdiction), else from configuration, else from these defaults,
 * which only alert (docs/MONITORING.md).
 */
export type FindingAction = 'alert' | 'escalate' | 'suspend';
export type FindingSeverity = 'low' | 'medium' | 'high';

export const FINDING_ACTIONS: readonly FindingAction[] = ['alert', 'escalate', 'suspend'];

/** A rate against the credential's own profile (per minute, seasonal by hour of day). */
export interface RateRule {
  /** The window's count must be at least this many times the expected count... */
  ratio: number;
  /** ...and this many Poisson standard deviations above it... */
  z: number;
  /** ...and at least this many events: a handful is never a finding. */
  minCount: number;
  /** The expected count per minute is never taken below this (quiet credentials). */
  floorPerMinute: number;
  /** ...nor, for a credential with less than an hour of history, below this. */
  newFloorPerMinute: number;
}

/** A deal's value against the credential's own values of that type and currency. */
export interface ValueRule {
  /** Robust z-score |log v − median| / (1.4826 · MAD) above which a value is a finding. */
  z: number;
  /** Values needed before a verdict (the baseline is not yet a baseline before). */
  minSamples: number;
  /** The smallest spread assumed, in natural-log units (values that never vary). */
  minSpread: number;
}

/** Something never seen before (a counter-party, a type, a jurisdiction). */
export interface NoveltyRule {
  /** Deals the credential must have made before anything new counts as a finding. */
  warmup: number;
}

interface Common {
  action: FindingAction;
  severity: FindingSeverity;
  /** A feature that raised a finding stays quiet this long (per key), so a burst is one finding. */
  cooldownMinutes: number;
}

export type RateFeature =
  'deposit.rate' | 'refusal.rate' | 'ratification.rate' | 'login.failures' | 'sealed.open.rate';
export type NoveltyFeature =
  'deal.counterparty' | 'deal.counterpartyJurisdiction' | 'deal.type' | 'deal.jurisdiction';
export type ValueFeature = 'deal.value';
export type Feature = RateFeature | NoveltyFeature | ValueFeature;

export const RATE_FEATURES: readonly RateFeature[] = [
  'deposit.rate',
  'refusal.rate',
  'ratification.rate',
  'login.failures',
  'sealed.open.rate',
];
export const NOVELTY_FEATURES: readonly NoveltyFeature[] = [
  'deal.counterparty',
  'deal.counterpartyJurisdiction',
  'deal.type',
  'deal.jurisdiction',
];
export const FEATURES: readonly Feature[] = [...RATE_FEATURES, ...NOVELTY_FEATURES, 'deal.value'];

export interface MonitoringRules {
  rates: Record<RateFeature, RateRule & Common>;
  novelty: Record<NoveltyFeature, NoveltyRule & Common>;
  value: ValueRule & Common;
  /** How long an `escalate` finding sends the credential's deals to a principal. */
  escalateMinutes: number;
}

const RATE: RateRule = { ratio: 3, z: 7, minCount: 10, floorPerMinute: 1, newFloorPerMinute: 20 };
const ALERT = { action: 'alert', cooldownMinutes: 10 } as const;

export const DEFAULT_MONITORING_RULES: MonitoringRules = {
  rates: {
    'deposit.rate': { ...RATE, ...ALERT, severity: 'high' },
    'refusal.rate': { ...RATE, ...ALERT, severity: 'medium' },
    'ratification.rate': { ...RATE, ...ALERT, severity: 'medium' },
    'login.failures': { ...RATE, minCount: 5, ...ALERT, severity: 'medium' },
    'sealed.open.rate': { ...RATE, minCount: 15, ...ALERT, severity: 'high' },
  },
  novelty: {
    'deal.counterparty': { warmup: 20, ...ALERT, severity: 'low' },
    'deal.counterpartyJurisdiction': { warmup: 20, ...ALERT, severity: 'medium' },
    'deal.type': { warmup: 20, ...ALERT, severity: 'low' },
    'deal.jurisdiction': { warmup: 20, ...ALERT, severity: 'medium' },
  },
  value: { z: 7, minSamples: 30, minSpread: 0.05, ...ALERT, severity: 'high' },
  escalateMinutes: 60,
};

/** The pack's (or configuration's) `monitoring` member: per feature, any part of its rule. */
export interface MonitoringOverrides {
  escalateMinutes?: number;
  features?: Partial<Record<Feature, Partial<RateRule & NoveltyRule & ValueRule & Common>>>;
}

const STRENGTH: Record<FindingAction, number> = { alert: 0, escalate: 1, suspend: 2 };

export function strongestAction(actions: FindingAction[]): FindingAction {
  return actions.reduce<FindingAction>((a, b) => (STRENGTH[b] > STRENGTH[a] ? b : a), 'alert');
}

function pick<T extends object>(base: T, over: Partial<Record<string, unknown>> | undefined): T {
  if (!over) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const key of Object.keys(base)) if (over[key] !== undefined) out[key] = over[key];
  return out as T;
}

/**
 * Overrides applied in order over `base`: a later one's thresholds win, and the strongest
 * action any of them names is taken (two packs: the stricter action holds).
 */
export function applyMonitoringOverrides(
  base: MonitoringRules,
  overrides: Array<MonitoringOverrides | undefined>,
): MonitoringRules {
  const rules: MonitoringRules = structuredClone(base);
  for (const over of overrides) {
    if (!over) continue;
    if (over.escalateMinutes !== undefined) rules.escalateMinutes = over.escalateMinutes;
    const features = over.features ?? {};
    for (const feature of RATE_FEATURES)
      rules.rates[feature] = merged(rules.rates[feature], features[feature]);
    for (const feature of NOVELTY_FEATURES)
      rules.novelty[feature] = merged(rules.novelty[feature], features[feature]);
    rules.value = merged(rules.value, features['deal.value']);
  }
  return rules;
}

function merged<T extends Common>(current: T, over: Partial<Record<string, unknown>> | undefined): T {
  const next = pick(current, over);
  next.action = strongestAction([current.action, next.action]);
  return next;
}
