import { PolicyReason, type PolicyDecision } from '../policy/policy-decision';
import { mandateExcesses, type DealTerms, type Mandate, type MandateExcess } from './mandate';
import type { CredentialRecord } from './records';
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

/** Why a deal waits for ratification: one reason per agent and excess, in words a user acts on. */
export interface EscalationReason {
  /** MANDATE today; policy packs add THRESHOLD, RESTRICTED_TYPE, CROSS_BORDER, … */
  code: string;
  detail: string;
  /** The party whose limits the deal exceeds; none for a policy pack's reason. */
  credentialId?: string;
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

/** The part of a policy decision (domain record or its GraphQL object) that explains a wait. */
interface DecidedReasons {
  reasons: ReadonlyArray<{
    code: string;
    outcome: string;
    jurisdiction?: string | null;
    rule: string;
    message: string;
  }>;
}

/**
 * What a deal beyond its agents' mandates, or escalated by a policy pack, needs and why; null
 * when neither holds. A pack's escalation asks every party's principal (answerablePrincipals).
 */
export function ratificationNeed(
  parties: CredentialRecord[],
  deal: DealTerms,
  at: Date,
  decision: DecidedReasons | null = null,
): RatificationNeed | null {
  const policyReasons = (decision?.reasons ?? []).filter(
    (reason) => reason.code !== PolicyReason.Mandate && reason.outcome === 'escalate',
  );
  const reasons: EscalationReason[] = policyReasons.map((reason) => ({
    code: reason.code,
    detail: `${reason.jurisdiction ?? 'policy'} pack, rule ${reason.rule}: ${reason.message}`,
  }));
  const principals = new Map<string | null, string[]>();
  for (const party of parties) {
    const excesses = mandateExcesses(party.mandate, deal, at);
    if (policyReasons.length > 0) {
      const principal = party.principalId ?? null;
      principals.set(principal, [...(principals.get(principal) ?? []), party.id]);
    }
    if (excesses.length === 0) continue;
    for (const excess of excesses) {
      reasons.push({
        code: 'MANDATE',
        credentialId: party.id,
        detail: `agent ${party.id}: ${excessDetail(excess, party.mandate, deal)}`,
      });
    }
    if (policyReasons.length === 0) {
      const principal = party.principalId ?? null;
      principals.set(principal, [...(principals.get(principal) ?? []), party.id]);
    }
  }
  if (reasons.length === 0) return null;
  return { reasons, principals: [...principals].map(([credentialId, agents]) => ({ credentialId, agents })) };
}
