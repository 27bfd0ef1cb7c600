/**
 * The mandate rule of FORMATS.md (Credentials, `authority:<credentialId>`): what an agent may
 * agree to without its principal. Shared by the deposit checks and the verifier, so the
 * service and a court decide a deal's authority the same way.
 */
const DECIMAL = /^(0|[1-9]\d*)(?:\.(\d+))?$/;

export interface MandateLimits {
  maxValue: string | null;
  currency: string | null;
  types: string[] | null;
  jurisdictions: string[] | null;
}

export interface MandatedDeal {
  type: string;
  jurisdictions: string[];
  value?: string;
  currency?: string;
}

export type MandateExcess = 'value' | 'currency' | 'type' | 'jurisdiction' | 'expired';

export function isDecimalAmount(value: string): boolean {
  return DECIMAL.test(value);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b: exact, no float rounds a limit. */
export function compareAmounts(a: string, b: string): number {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const difference = scaled(a, scale) - scaled(b, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/**
 * Where a deal goes beyond a mandate; empty when the agent may sign it alone. A null or
 * empty limit does not limit. A value in another currency than the mandate's counts as
 * beyond it: Signet does not convert currencies.
 */
export function mandateExcesses(mandate: MandateLimits, deal: MandatedDeal): MandateExcess[] {
  const excesses: MandateExcess[] = [];
  if (mandate.types && mandate.types.length > 0 && !mandate.types.includes(deal.type)) excesses.push('type');
  const allowed = mandate.jurisdictions;
  if (allowed && allowed.length > 0 && deal.jurisdictions.some((code) => !allowed.includes(code))) {
    excesses.push('jurisdiction');
  }
  if (mandate.maxValue !== null && deal.value !== undefined) {
    if (mandate.currency && deal.currency !== mandate.currency) excesses.push('currency');
    else if (compareAmounts(deal.value, mandate.maxValue) > 0) excesses.push('value');
  }
  return excesses;
}

function scaled(value: string, scale: number): bigint {
  const match = DECIMAL.exec(value);
  if (!match) throw new RangeError(`not a decimal amount: ${value}`);
  return BigInt(match[1] + (match[2] ?? '').padEnd(scale, '0'));
}

function fractionDigits(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}
