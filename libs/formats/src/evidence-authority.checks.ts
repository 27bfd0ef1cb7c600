import type { HexString } from './bytes.codec';
import type { PresentedCredential } from './evidence-credentials.checks';
import type { CheckList, LiabilityLink } from './evidence.types';
import { mandateExcesses } from './mandate.rule';
import type { Receipt } from './receipt.model';

const NO_LIMITS = { maxValue: null, currency: null, types: null, jurisdictions: null };

/**
 * `authority:<id>` for each party of a v2 receipt: the role may sign (only `agent`); the
 * liability chain agent → principal → organisation is whole (the principal's document is
 * presented, its role is `principal` and its organisation is the agent's); and the
 * agent's mandate covers the metadata, or the principal ratified (its `ratification:<id>`
 * passed). Returns the chain of each party for the verdict.
 */
export function checkAuthority(
  list: CheckList,
  receipt: Receipt,
  documents: Map<HexString, PresentedCredential>,
  validRatifiers: Set<HexString>,
): LiabilityLink[] {
  const links: LiabilityLink[] = [];
  for (const party of receipt.parties) {
    const agent = documents.get(party)?.document ?? null;
    const link: LiabilityLink = {
      agent: party,
      principal: agent?.principal ?? null,
      organization: agent?.organization ?? null,
    };
    links.push(link);
    let ratified = false;
    list.run(
      `authority:${party}`,
      () => {
        if (agent === null) return 'no readable credential document for this party';
        if (agent.role !== 'agent') return `a credential of role ${agent.role} may not sign an agreement`;
        if (agent.organization === null || agent.principal === null)
          return 'the agent names no organisation or no principal: nobody answers for it';
        const principal = documents.get(agent.principal)?.document ?? null;
        if (principal === null) return `the receipt carries no document for its principal ${agent.principal}`;
        if (principal.role !== 'principal' || principal.organization !== agent.organization)
          return `${agent.principal} is not a principal of organisation ${agent.organization}`;
        const excesses = mandateExcesses(agent.mandate ?? NO_LIMITS, receipt.metadata);
        if (excesses.length === 0) return true;
        ratified = validRatifiers.has(agent.principal);
        return (
          ratified ||
          `beyond its mandate (${excesses.join(', ')}) and not ratified by its principal ${agent.principal}`
        );
      },
      () =>
        `agent of ${link.organization}, answerable principal ${link.principal}; ${ratified ? 'beyond its mandate, ratified by the principal' : 'within its mandate'}`,
    );
  }
  return links;
}
