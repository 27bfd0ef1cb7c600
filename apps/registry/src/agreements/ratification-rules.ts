import { mandateExcesses, PolicyReason, type CredentialRecord, type DealTerms, type PolicyDecision } from '@signet/domain';
import type { AgreementMetadata } from '@signet/formats';

export function dealTerms(metadata: AgreementMetadata): DealTerms {
  return {
    type: metadata.type,
    jurisdictions: metadata.jurisdictions,
    value: metadata.value,
    currency: metadata.currency,
    effectiveAt: new Date(metadata.effectiveAt),
  };
}

/**
 * The principals who must ratify: the one answerable for each agent whose mandate the
 * deal exceeds, and every party's principal when a policy pack escalated it (a threshold,
 * a restricted type, novel terms: "whatever the mandate says"). An agent without a
 * principal cannot be ratified for, and says so.
 */
export function answerablePrincipals(
  parties: CredentialRecord[],
  deal: DealTerms,
  now: Date,
  decision: PolicyDecision | null = null,
): string[] {
  const byPolicy = decision?.reasons.some((reason) => reason.code !== PolicyReason.Mandate) ?? false;
  const principals = new Set<string>();
  for (const party of parties) {
    if (!byPolicy && mandateExcesses(party.mandate, deal, now).length === 0) continue;
    principals.add(party.principalId ?? `none:${party.id}`);
  }
  return [...principals];
}
