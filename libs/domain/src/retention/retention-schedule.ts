import type { PolicyPackData } from '../policy/policy-pack';
import { parseConfidentiality } from '../policy/nda-scope';

const DAY_MS = 86_400_000;

/** How an agreement ended, for its schedule: its expiry, or the day it was terminated or rejected. */
export type RetentionEnd = 'expiry' | 'termination' | 'rejection';

export interface RetentionInput {
  type: string;
  /** When Signet began keeping the record (the deposit): packs' minimum and maximum count from it. */
  recordedAt: Date;
  endsAt: Date;
  endKind: RetentionEnd;
  /** The packs that decided the deposit (by hash, so a later activation changes nothing). */
  packs: Array<Pick<PolicyPackData, 'jurisdiction' | 'retention'>>;
  /** The agreement's own terms (an NDA's), and its parent's when it is a deal under an NDA. */
  terms?: Record<string, unknown>;
  parentTerms?: Record<string, unknown>;
}

export interface RetentionSchedule {
  /** The day the job destroys the sealed text (unless a hold stands). */
  destroyAt: Date;
  /** Before this, nobody (the parties included) may have it destroyed: RETENTION_MINIMUM. */
  minimumUntil: Date;
  /** The latest any pack allows; null when none sets a maximum. */
  maximumUntil: Date | null;
  endsAt: Date;
  endKind: RetentionEnd;
  /** What set `destroyAt`: `EU:retention.NDA.minDays`, `expiry+nda.destroyAfterDays`, … */
  rule: string;
}

function later(days: number, from: Date): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** The pack's retention entry for a type: its own (case-insensitive) or `*`. */
function entryFor(
  retention: PolicyPackData['retention'],
  type: string,
): { key: string; minDays: number; maxDays?: number } | null {
  if (!retention) return null;
  const wanted = type.toUpperCase();
  const key =
    Object.keys(retention).find((name) => name.toUpperCase() === wanted) ?? ('*' in retention ? '*' : null);
  return key === null ? null : { key, ...retention[key] };
}

/** The NDA's destruction obligation that binds this agreement: its own if an NDA, else its parent's. */
function ndaDays(input: RetentionInput): { days: number; source: string } | null {
  for (const [terms, source] of [
    [input.terms, 'nda'],
    [input.parentTerms, 'parent-nda'],
  ] as const) {
    try {
      const confidentiality = parseConfidentiality(terms);
      if (confidentiality) return { days: confidentiality.destroyAfterDays, source };
    } catch {
      // Terms that do not parse were refused at deposit; an old row's bad terms bind nothing.
    }
  }
  return null;
}

/**
 * Issue 16's schedule: the later of the packs' minimum retention and the end (expiry, or
 * termination) plus the NDA's destruction obligation, never later than a pack's maximum.
 * With no pack, the minimum is 0 and the end (with the NDA's obligation) decides.
 */
export function scheduleRetention(input: RetentionInput): RetentionSchedule {
  let minimumUntil = input.recordedAt;
  let minimumRule: string | null = null;
  let maximumUntil: Date | null = null;
  let maximumRule: string | null = null;
  for (const pack of input.packs) {
    const entry = entryFor(pack.retention, input.type);
    if (!entry) continue;
    const minimum = later(entry.minDays, input.recordedAt);
    if (minimum > minimumUntil) {
      minimumUntil = minimum;
      minimumRule = `${pack.jurisdiction}:retention.${entry.key}.minDays`;
    }
    if (entry.maxDays !== undefined) {
      const maximum = later(entry.maxDays, input.recordedAt);
      if (maximumUntil === null || maximum < maximumUntil) {
        maximumUntil = maximum;
        maximumRule = `${pack.jurisdiction}:retention.${entry.key}.maxDays`;
      }
    }
  }
  const nda = ndaDays(input);
  const endDate = nda ? later(nda.days, input.endsAt) : input.endsAt;
  const endRule = nda ? `${input.endKind}+${nda.source}.destroyAfterDays` : input.endKind;

  let destroyAt = endDate;
  let rule = endRule;
  if (minimumRule && minimumUntil > endDate) {
    destroyAt = minimumUntil;
    rule = minimumRule;
  }
  if (maximumUntil && maximumRule && destroyAt > maximumUntil) {
    destroyAt = maximumUntil;
    rule = maximumRule;
  }
  // A maximum below another pack's minimum caps the minimum too (never later than a maximum).
  if (maximumUntil && minimumUntil > maximumUntil) minimumUntil = maximumUntil;
  return { destroyAt, minimumUntil, maximumUntil, endsAt: input.endsAt, endKind: input.endKind, rule };
}
