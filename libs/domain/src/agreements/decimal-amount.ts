/**
 * Exact decimal comparison for money. Amounts are decimal strings everywhere (metadata,
 * mandates, the database), so no float ever rounds a limit. The rule lives in
 * @signet/formats, beside the mandate rule a court's verifier applies.
 */
export { compareAmounts, isDecimalAmount } from '@signet/formats';

/** PostgreSQL numeric comes back with trailing zeros ("100.000000"); this gives the plain form. */
export function normaliseAmount(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}
