import { compareAmounts } from '../agreements/decimal-amount';
import { PolicyReason, type PolicyFinding } from './policy-decision';
import type { PolicyInput } from './policy-input';
import type { DisclosureMode, PolicyPackData } from './policy-pack';

/** Types are matched without regard to case: `supply` and `SUPPLY` are one type. */
export function typeKey(type: string): string {
  return type.toUpperCase();
}

function lookup<T>(table: Record<string, T> | undefined, type: string): T | undefined {
  if (!table) return undefined;
  const key = typeKey(type);
  const found = Object.entries(table).find(([name]) => typeKey(name) === key);
  return found?.[1];
}

/** How the pack discloses a deal of this type: its one mode, or its type's (else "*"'s); hashed when unset. */
export function disclosureFor(data: PolicyPackData, type: string): DisclosureMode {
  const { disclosure } = data;
  if (disclosure === undefined || typeof disclosure === 'string') return disclosure ?? 'hashed';
  return lookup(disclosure, type) ?? disclosure['*'] ?? 'hashed';
}

/** The threshold that applies to a deal, when its pack sets one for its type and currency. */
export function thresholdFor(data: PolicyPackData, input: PolicyInput): string | undefined {
  const { currency } = input.deal;
  if (!currency) return undefined;
  return lookup(data.thresholds, input.deal.type)?.[currency] ?? data.thresholds?.['*']?.[currency];
}

export function isOverThreshold(data: PolicyPackData, input: PolicyInput): boolean {
  const limit = thresholdFor(data, input);
  return limit !== undefined && input.deal.value !== undefined && compareAmounts(input.deal.value, limit) > 0;
}

/** The templates of the deal's type, when its pack registers any; then one must be named. */
export function isNovelTerms(data: PolicyPackData, input: PolicyInput): boolean {
  const approved = lookup(data.templates, input.deal.type);
  if (!approved) return false;
  const named = input.deal.terms?.template;
  return typeof named !== 'string' || !approved.includes(named);
}

export function foreignHomes(data: PolicyPackData, input: PolicyInput): string[] {
  const allowed = data.crossBorder?.allowed;
  if (!allowed) return [];
  return [
    ...new Set(input.parties.flatMap(({ home }) => (home !== null && !allowed.includes(home) ? [home] : []))),
  ];
}

/** What the pack's data part says about a deal, each finding named `data.<part>`. */
export function dataFindings(data: PolicyPackData, input: PolicyInput): PolicyFinding[] {
  const { jurisdiction } = data;
  const findings: PolicyFinding[] = [];
  const { deal } = input;
  const restricted = lookup(data.restrictedTypes, deal.type);
  if (restricted) {
    findings.push({
      outcome: restricted,
      code: restricted === 'refuse' ? PolicyReason.PolicyRefused : PolicyReason.RestrictedType,
      jurisdiction,
      rule: 'data.restrictedTypes',
      message: `type ${deal.type} is ${restricted === 'refuse' ? 'refused' : 'restricted'} in ${jurisdiction}`,
    });
  }
  if (isOverThreshold(data, input)) {
    findings.push({
      outcome: 'escalate',
      code: PolicyReason.Threshold,
      jurisdiction,
      rule: 'data.thresholds',
      message: `value ${deal.value} ${deal.currency} is above ${thresholdFor(data, input)} ${deal.currency}`,
    });
  }
  if (isNovelTerms(data, input)) {
    findings.push({
      outcome: data.novelTerms ?? 'escalate',
      code: PolicyReason.NovelTerms,
      jurisdiction,
      rule: 'data.templates',
      message: `a ${deal.type} must name one of ${jurisdiction}'s registered templates in terms.template`,
    });
  }
  const foreign = foreignHomes(data, input);
  if (foreign.length > 0) {
    findings.push({
      outcome: data.crossBorder?.action ?? 'escalate',
      code: PolicyReason.CrossBorder,
      jurisdiction,
      rule: 'data.crossBorder',
      message: `a counter-party's home jurisdiction (${foreign.join(', ')}) is outside ${jurisdiction}'s list`,
    });
  }
  return findings;
}
