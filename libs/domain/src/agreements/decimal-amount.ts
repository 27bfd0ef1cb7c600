/**
 * Exact decimal comparison for money. Amounts are decimal strings everywhere (metadata,
 * mandates, the database), so no float ever rounds a limit.
 */
const DECIMAL = /^(0|[1-9]\d*)(?:\.(\d+))?$/;

function scaled(value: string, scale: number): bigint {
  const match = DECIMAL.exec(value);
  if (!match) throw new RangeError(`not a decimal amount: ${value}`);
  const fraction = (match[2] ?? '').padEnd(scale, '0');
  return BigInt(match[1] + fraction);
}

function fractionDigits(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

export function isDecimalAmount(value: string): boolean {
  return DECIMAL.test(value);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareAmounts(a: string, b: string): number {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const difference = scaled(a, scale) - scaled(b, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** PostgreSQL numeric comes back with trailing zeros ("100.000000"); this gives the plain form. */
export function normaliseAmount(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}
