import { mandateExcesses as limitExcesses, type MandateExcess, type MandateLimits } from '@signet/formats';

export type { MandateExcess } from '@signet/formats';

/** What an agent may agree to without its principal. Unset limits do not limit. */
export interface Mandate extends MandateLimits {
  expiresAt: Date | null;
}

export interface DealTerms {
  type: string;
  jurisdictions: string[];
  value?: string;
  currency?: string;
  effectiveAt: Date;
}

/**
 * Where a deal goes beyond an agent's mandate (the rule of @signet/formats, plus the
 * mandate's own expiry, which the index keeps). An empty list means the agent may sign it
 * alone; anything else means its principal must ratify.
 */
export function mandateExcesses(mandate: Mandate, deal: DealTerms, now: Date): MandateExcess[] {
  const excesses = limitExcesses(mandate, deal);
  if (mandate.expiresAt && mandate.expiresAt.getTime() <= now.getTime()) excesses.push('expired');
  return excesses;
}
