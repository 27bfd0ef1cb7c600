import { mandateExcesses, type CredentialRecord, type DealTerms } from '@signet/domain';
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
 * deal exceeds. An agent without a principal cannot be ratified for, and says so.
 */
export function answerablePrincipals(parties: CredentialRecord[], deal: DealTerms, now: Date): string[] {
  const principals = new Set<string>();
  for (const party of parties) {
    if (mandateExcesses(party.mandate, deal, now).length === 0) continue;
    principals.add(party.principalId ?? `none:${party.id}`);
  }
  return [...principals];
}
