import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  decidePolicy,
  refusalCode,
  type DepositContext,
  type PolicyDecision,
} from '@signet/domain';
import type { AgreementMetadata } from '@signet/formats';
import { ActivePolicyCache } from './active-policy.cache';

/**
 * The deposit's one call into the policy layer: every active pack of the deal's
 * jurisdictions decides, with what the deposit's context read. A refusal is thrown
 * (POLICY_REFUSED or NDA_SCOPE_EXCEEDED, with every reason); otherwise the decision is
 * returned to be stored with the agreement.
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
    return decision;
  }
}
