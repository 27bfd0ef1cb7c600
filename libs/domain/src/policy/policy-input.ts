/**
 * What a policy decides on, for one draft deposit: the public metadata, the parties' home
 * jurisdictions (their organisations'), the parent when there is one, and whether the deal
 * goes beyond an agent's mandate. The service reads the parts it does not get from the
 * deposit; `signet policy check` takes them from the draft and its options.
 */
export interface PolicyDeal {
  type: string;
  jurisdictions: string[];
  effectiveAt: string;
  expiresAt: string;
  value?: string;
  currency?: string;
  terms?: Record<string, unknown>;
}

export interface PolicyInput {
  deal: PolicyDeal;
  parties: Array<{ home: string | null }>;
  parent: { type: string; effectiveAt: string; terms?: Record<string, unknown> } | null;
  mandateExceeded: boolean;
}
