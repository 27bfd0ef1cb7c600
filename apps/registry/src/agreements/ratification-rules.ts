import {
  mandateExcesses,
  type CredentialRecord,
  type DealTerms,
  type Mandate,
  type MandateExcess,
} from '@signet/domain';
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

/** Why a deal waits for ratification: one reason per agent and excess, in words a user acts on. */
export interface EscalationReason {
  /** MANDATE today; policy packs add THRESHOLD, RESTRICTED_TYPE, CROSS_BORDER, … */
  code: string;
  detail: string;
  /** The party whose limits the deal exceeds. */
  credentialId: string;
}

export interface RatificationNeed {
  reasons: EscalationReason[];
  /** Each answerable principal (null: the agent has none and the deal cannot be ratified). */
  principals: Array<{ credentialId: string | null; agents: string[] }>;
}

function excessDetail(excess: MandateExcess, mandate: Mandate, deal: DealTerms): string {
  switch (excess) {
    case 'value':
      return `value ${deal.value} ${deal.currency ?? ''} exceeds the mandate's ${mandate.maxValue} ${mandate.currency ?? ''}`.trim();
    case 'currency':
      return `currency ${deal.currency ?? '(none)'} is not the mandate's ${mandate.currency}`;
    case 'type':
      return `type ${deal.type} is not among the mandate's types (${(mandate.types ?? []).join(', ')})`;
    case 'jurisdiction': {
      const outside = deal.jurisdictions.filter((code) => !(mandate.jurisdictions ?? []).includes(code));
      return (
        `jurisdiction ${outside.join(', ')} is outside the mandate (${(mandate.jurisdictions ?? []).join(', ')}; ` +
        "a mandate defaults to the organisation's jurisdiction: `signet admin issue --jurisdiction` widens it)"
      );
    }
    case 'expired':
      return `the mandate expired at ${mandate.expiresAt?.toISOString()}`;
  }
}

/** What a deal beyond its agents' mandates needs, and why; null when no mandate is exceeded. */
export function ratificationNeed(
  parties: CredentialRecord[],
  deal: DealTerms,
  at: Date,
): RatificationNeed | null {
  const reasons: EscalationReason[] = [];
  const principals = new Map<string | null, string[]>();
  for (const party of parties) {
    const excesses = mandateExcesses(party.mandate, deal, at);
    if (excesses.length === 0) continue;
    for (const excess of excesses) {
      reasons.push({
        code: 'MANDATE',
        credentialId: party.id,
        detail: `agent ${party.id}: ${excessDetail(excess, party.mandate, deal)}`,
      });
    }
    const principal = party.principalId ?? null;
    principals.set(principal, [...(principals.get(principal) ?? []), party.id]);
  }
  if (reasons.length === 0) return null;
  return { reasons, principals: [...principals].map(([credentialId, agents]) => ({ credentialId, agents })) };
}
