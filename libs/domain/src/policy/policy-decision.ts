import type { PolicyAction, PolicyOutcome } from './policy-pack';

/** Reasons a deposit waits for a principal or is refused; a Cedar rule may name others. */
export const PolicyReason = {
  Mandate: 'MANDATE',
  Threshold: 'THRESHOLD',
  RestrictedType: 'RESTRICTED_TYPE',
  NovelTerms: 'NOVEL_TERMS',
  CrossBorder: 'CROSS_BORDER',
  Anomaly: 'ANOMALY',
  NdaScopeExceeded: 'NDA_SCOPE_EXCEEDED',
  PolicyRefused: 'POLICY_REFUSED',
  PolicyError: 'POLICY_ERROR',
} as const;

export interface PolicyFinding {
  outcome: PolicyAction;
  code: string;
  /** The pack's jurisdiction; null for what no pack decides (the mandate, the NDA). */
  jurisdiction: string | null;
  /** `data.<part>` for the data part, a Cedar rule's @id, or `mandate` / `nda`. */
  rule: string;
  message: string;
}

export interface PolicyDecision {
  outcome: PolicyOutcome;
  /** Every reason, refusals first; they add up across packs. */
  reasons: Array<Omit<PolicyFinding, 'outcome'> & { outcome: PolicyAction }>;
  /** Every rule that fired, as `JURISDICTION:rule`, in pack order. */
  rules: string[];
  packs: Array<{ jurisdiction: string; hash: string }>;
  /** Present (`public`) when a pack puts the metadata on chain in clear; absent means hashed only. */
  disclosure?: 'public';
}

/** refuse beats escalate beats allow; reasons add up; an allow-rule is recorded, never a reason. */
export function combineFindings(
  findings: PolicyFinding[],
  rules: string[],
  packs: PolicyDecision['packs'],
): PolicyDecision {
  const refusals = findings.filter((finding) => finding.outcome === 'refuse');
  const escalations = findings.filter((finding) => finding.outcome === 'escalate');
  const outcome: PolicyOutcome =
    refusals.length > 0 ? 'refuse' : escalations.length > 0 ? 'escalate' : 'allow';
  return { outcome, reasons: [...refusals, ...escalations], rules, packs };
}

/**
 * A decision with behaviour monitoring's escalation added (docs/MONITORING.md): a party
 * under an `escalate` finding sends the deal to a principal with reason ANOMALY. A refusal
 * stays a refusal.
 */
export function withAnomaly(decision: PolicyDecision, credentialIds: string[]): PolicyDecision {
  if (credentialIds.length === 0 || decision.outcome === 'refuse') return decision;
  const reason = {
    outcome: 'escalate' as const,
    code: PolicyReason.Anomaly,
    jurisdiction: null,
    rule: 'monitoring',
    message: `behaviour monitoring escalated the deals of ${credentialIds.join(', ')}`,
  };
  return { ...decision, outcome: 'escalate', reasons: [...decision.reasons, reason] };
}

/** The refusal code a refused deposit answers with: NDA_SCOPE_EXCEEDED or POLICY_REFUSED. */
export function refusalCode(decision: Pick<PolicyDecision, 'reasons'>): string {
  const nda = decision.reasons.find(
    (reason) => reason.outcome === 'refuse' && reason.code === PolicyReason.NdaScopeExceeded,
  );
  return nda ? PolicyReason.NdaScopeExceeded : PolicyReason.PolicyRefused;
}

/** The reason codes of a decision, once each, in order. */
export function reasonCodes(decision: Pick<PolicyDecision, 'reasons'>): string[] {
  return [...new Set(decision.reasons.map((reason) => reason.code))];
}
