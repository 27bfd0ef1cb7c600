import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  decidePolicy,
  refusalCode,
  type DepositContext,
  type PolicyDecision,
  withAnomaly,
} from '@signet/domain';
import type { AgreementMetadata } from '@signet/formats';
import { ActivePolicyCache } from './active-policy.cache';

/**
 * The deposit's one call into the policy layer: every active pack of the deal's
 * jurisdictions decides, with what the deposit's context read. A refusal is thrown
 * (POLICY_REFUSED or NDA_SCOPE_EXCEEDED, with every reason); otherwise the decision is
 * returned to be stored with the agreement, with ANOMALY added for a party that behaviour
 * monitoring escalated.
 */
@Injectable()
export class DepositPolicy {
  constructor(@Inject(ActivePolicyCache) private readonly active: ActivePolicyCache) {}

  async decide(
    metadata: AgreementMetadata,
    context: DepositContext,
    mandateExceeded: boolean,
  ): Promise<PolicyDecision> {
    const packs = await this.active.packsAt(context.policyVersion);
    const decision = decidePolicy(packs, {
      deal: metadata,
      parties: metadata.parties.map((id) => ({ home: context.partyHomes[id] ?? null })),
      parent: context.parent,
      mandateExceeded,
    });
    if (decision.outcome === 'refuse') {
      const code = refusalCode(decision) as ErrorCode;
      const refusals = decision.reasons.filter((reason) => reason.outcome === 'refuse');
      throw new DomainError(code, refusals.map((reason) => reason.message).join('; '), {
        path: 'metadata',
        reasons: refusals,
        packs: decision.packs,
      });
    }
    // Behaviour monitoring's seam: a party under an `escalate` finding (read with the context).
    const now = Date.now();
    const anomalous = context.parties.filter((party) => (party.escalateUntil?.getTime() ?? 0) > now);
    return withAnomaly(
      decision,
      anomalous.map((party) => party.id),
    );
  }
}
