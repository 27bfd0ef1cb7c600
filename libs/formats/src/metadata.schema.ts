import { isHex } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';

/**
 * The public metadata of an agreement. It is hashed as RFC 8785 JSON exactly as presented,
 * so `parentId: null` and an absent `parentId` are two different documents: producers
 * should omit what they do not have, and verifiers hash what the receipt carries.
 */
export interface AgreementMetadata {
  type: string;
  /** Credential ids (0x bytes32) of the parties, in signing order. */
  parties: string[];
  jurisdictions: string[];
  /** RFC 3339 date (`2025-01-31`) or date-time with offset. */
  effectiveAt: string;
  expiresAt: string;
  /** Decimal string, never a JSON number, so no float rounding can touch it. */
  value?: string;
  currency?: string;
  parentId?: string | null;
  /** The agreement this one amends and replaces (same organisations); bound by the metadata hash. */
  supersedes?: string;
  terms?: Record<string, unknown>;
}

export type MetadataValidation =
  { ok: true; value: AgreementMetadata } | { ok: false; errors: FormatError[] };

const KNOWN_KEYS = new Set([
  'type',
  'parties',
  'jurisdictions',
  'effectiveAt',
  'expiresAt',
  'value',
  'currency',
  'parentId',
  'supersedes',
  'terms',
]);
const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2}))?$/;
const DECIMAL_RE = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;
const CURRENCY_RE = /^[A-Z0-9]{3,12}$/;
const TYPE_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/**
 * Checks the shape of untrusted metadata and reports every problem at once (a deposit
 * form can show them all). Unknown members are refused: they would be hashed and bound
 * on chain while nobody downstream knows what they mean.
 */
export function validateMetadata(input: unknown): MetadataValidation {
  const errors: FormatError[] = [];
  const fail = (path: string, message: string): void => {
    errors.push(new FormatError(FormatErrorCode.INVALID_METADATA, message, path));
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail('metadata', 'must be a JSON object');
    return { ok: false, errors };
  }
  const m = input as Record<string, unknown>;
  for (const key of Object.keys(m)) if (!KNOWN_KEYS.has(key)) fail(key, 'unknown member');

  const required = (key: string): boolean => {
    if (m[key] !== undefined) return true;
    fail(key, 'required');
    return false;
  };

  if (required('type') && (typeof m.type !== 'string' || !TYPE_RE.test(m.type)))
    fail('type', 'must be 1-64 characters of letters, digits, . _ -');

  if (!required('parties')) {
    // nothing more to say about a member that is not there
  } else if (!Array.isArray(m.parties) || m.parties.length === 0) {
    fail('parties', 'must be a non-empty array');
  } else {
    m.parties.forEach((p, i) => {
      if (!isHex(p, 32)) fail(`parties[${i}]`, 'must be a credential id: 0x + 64 lower-case hex');
    });
    if (new Set(m.parties).size !== m.parties.length) fail('parties', 'must not repeat a party');
  }

  if (!required('jurisdictions')) {
    // nothing more to say about a member that is not there
  } else if (!Array.isArray(m.jurisdictions) || m.jurisdictions.length === 0) {
    fail('jurisdictions', 'must be a non-empty array');
  } else {
    m.jurisdictions.forEach((j, i) => {
      if (typeof j !== 'string' || !isJurisdictionCode(j))
        fail(`jurisdictions[${i}]`, 'must be an ISO 3166 code such as "DE" or "US-NY"');
    });
    if (new Set(m.jurisdictions).size !== m.jurisdictions.length)
      fail('jurisdictions', 'must not repeat a jurisdiction');
  }

  const effective = dateOf(m.effectiveAt);
  const expires = dateOf(m.expiresAt);
  if (required('effectiveAt') && effective === undefined)
    fail('effectiveAt', 'must be an RFC 3339 date or date-time with offset');
  if (required('expiresAt') && expires === undefined)
    fail('expiresAt', 'must be an RFC 3339 date or date-time with offset');
  if (effective !== undefined && expires !== undefined && expires < effective)
    fail('expiresAt', 'must not be before effectiveAt');

  if (m.value !== undefined && (typeof m.value !== 'string' || !DECIMAL_RE.test(m.value))) {
    fail('value', 'must be a non-negative decimal string such as "1250000.00"');
  }
  if (m.currency !== undefined && (typeof m.currency !== 'string' || !CURRENCY_RE.test(m.currency))) {
    fail('currency', 'must be 3-12 upper-case letters or digits (ISO 4217 or a token symbol)');
  }
  if ((m.value === undefined) !== (m.currency === undefined))
    fail(m.value === undefined ? 'value' : 'currency', 'value and currency go together');

  if (m.parentId !== undefined && m.parentId !== null && !isHex(m.parentId, 32))
    fail('parentId', 'must be null or an agreement id: 0x + 64 lower-case hex');
  if (m.parentId === `0x${'00'.repeat(32)}`)
    fail('parentId', 'the zero id means "no parent": omit the member instead');

  if (m.supersedes !== undefined && !isHex(m.supersedes, 32))
    fail('supersedes', 'must be the id of the agreement this one amends: 0x + 64 lower-case hex');

  if (m.terms !== undefined && (typeof m.terms !== 'object' || m.terms === null || Array.isArray(m.terms)))
    fail('terms', 'must be a JSON object');

  return errors.length === 0 ? { ok: true, value: m as unknown as AgreementMetadata } : { ok: false, errors };
}

/** Throws the first problem; for callers that only need a yes or no. */
export function assertMetadata(input: unknown): AgreementMetadata {
  const result = validateMetadata(input);
  if (!result.ok) throw result.errors[0];
  return result.value;
}

function dateOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DATE_RE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A jurisdiction code, ISO 3166 style (`DE`, `EU`, `US-NY`): the one pattern that the
 * metadata, credentials, organisations, policy packs and the API's filters check.
 */
export const JURISDICTION_PATTERN = '^[A-Z]{2}(?:-[A-Z0-9]{1,8})*$';
const JURISDICTION_RE = new RegExp(JURISDICTION_PATTERN);

export function isJurisdictionCode(code: string): boolean {
  return JURISDICTION_RE.test(code);
}
