import { compareAmounts } from './decimal-amount';

/** What an agent may agree to without its principal. Unset limits do not limit. */
export interface Mandate {
  maxValue: string | null;
  currency: string | null;
  types: string[] | null;
  jurisdictions: string[] | null;
  expiresAt: Date | null;
}

export interface DealTerms {
  type: string;
  jurisdictions: string[];
  value?: string;
  currency?: string;
  effectiveAt: Date;
}

export type MandateExcess = 'value' | 'currency' | 'type' | 'jurisdiction' | 'expired';

/**
 * Where a deal goes beyond an agent's mandate. An empty list means the agent may sign it
 * alone; anything else means its principal must ratify. A value in another currency than
 * the mandate's counts as beyond it: Signet does not convert currencies.
 */
export function mandateExcesses(mandate: Mandate, deal: DealTerms, now: Date): MandateExcess[] {
  const excesses: MandateExcess[] = [];
  if (mandate.types && mandate.types.length > 0 && !mandate.types.includes(deal.type)) excesses.push('type');
  if (
    mandate.jurisdictions &&
    mandate.jurisdictions.length > 0 &&
    deal.jurisdictions.some((code) => !mandate.jurisdictions!.includes(code))
  ) {
    excesses.push('jurisdiction');
  }
  if (mandate.maxValue !== null && deal.value !== undefined) {
    if (mandate.currency && deal.currency !== mandate.currency) excesses.push('currency');
    else if (compareAmounts(deal.value, mandate.maxValue) > 0) excesses.push('value');
  }
  if (mandate.expiresAt && mandate.expiresAt.getTime() <= now.getTime()) excesses.push('expired');
  return excesses;
}
