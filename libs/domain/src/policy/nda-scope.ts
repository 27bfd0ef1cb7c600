import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/** What an NDA's `terms.confidentiality` declares (seed steps 2–3). */
export interface Confidentiality {
  /** The information categories that may be shared under the NDA. */
  categories: string[];
  /** How long the confidentiality lasts, from the NDA's effectiveAt. */
  periodDays: number;
  /** Shared information must be destroyed within this many days of the period's end. */
  destroyAfterDays: number;
}

/** The NDA's obligations as dates: when its period ends and by when shared data must be gone. */
export interface NdaObligations {
  periodEndsAt: Date;
  destroyBy: Date;
}

const DAY_MS = 86_400_000;

function invalidTerms(path: string, message: string): DomainError {
  return new DomainError(ErrorCode.InvalidTerms, `${path} ${message}`, { path });
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 36_500;
}

function stringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 64)
    throw invalidTerms(path, 'must be a list of 1 to 64 category names');
  value.forEach((item, index) => {
    if (typeof item !== 'string' || item.length === 0 || item.length > 64)
      throw invalidTerms(`${path}[${index}]`, 'must be a category name of 1 to 64 characters');
  });
  return value as string[];
}

/** `terms.confidentiality` checked by its schema; undefined when the terms declare none. */
export function parseConfidentiality(
  terms: Record<string, unknown> | undefined,
): Confidentiality | undefined {
  const declared = terms?.confidentiality;
  if (declared === undefined) return undefined;
  const path = 'terms.confidentiality';
  if (typeof declared !== 'object' || declared === null || Array.isArray(declared))
    throw invalidTerms(path, 'must be an object { categories, periodDays, destroyAfterDays }');
  const c = declared as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!['categories', 'periodDays', 'destroyAfterDays'].includes(key))
      throw invalidTerms(`${path}.${key}`, 'is not a member of the confidentiality terms');
  }
  const categories = stringList(c.categories, `${path}.categories`);
  if (!isCount(c.periodDays)) throw invalidTerms(`${path}.periodDays`, 'must be a whole number of days');
  if (!isCount(c.destroyAfterDays))
    throw invalidTerms(`${path}.destroyAfterDays`, 'must be a whole number of days');
  return { categories, periodDays: c.periodDays, destroyAfterDays: c.destroyAfterDays };
}

/** The categories a deal under an NDA declares in `terms.categories`. */
export function dealCategories(terms: Record<string, unknown> | undefined): string[] {
  return stringList(terms?.categories, 'terms.categories');
}

/** Kept for retention: the destruction obligation of an NDA, as dates. */
export function ndaObligations(effectiveAt: string, confidentiality: Confidentiality): NdaObligations {
  const periodEndsAt = new Date(Date.parse(effectiveAt) + confidentiality.periodDays * DAY_MS);
  return {
    periodEndsAt,
    destroyBy: new Date(periodEndsAt.getTime() + confidentiality.destroyAfterDays * DAY_MS),
  };
}

/**
 * Where a deal goes beyond its NDA: each category outside the NDA's, and a deal taking
 * effect after the confidentiality period ended. Empty when it stays within.
 */
export function ndaScopeExcesses(
  nda: { effectiveAt: string; confidentiality: Confidentiality },
  deal: { effectiveAt: string; categories: string[] },
): string[] {
  const excesses = deal.categories
    .filter((category) => !nda.confidentiality.categories.includes(category))
    .map((category) => `category "${category}" is outside the NDA's categories`);
  const { periodEndsAt } = ndaObligations(nda.effectiveAt, nda.confidentiality);
  if (Date.parse(deal.effectiveAt) > periodEndsAt.getTime()) {
    excesses.push(
      `the deal takes effect ${deal.effectiveAt}, after the NDA's period ended ${periodEndsAt.toISOString().slice(0, 10)}`,
    );
  }
  return excesses;
}
