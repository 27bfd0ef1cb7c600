import type { MonitoringOverrides } from '../monitoring/monitoring-rules';

/**
 * A jurisdiction's policy pack as the decision needs it: the data part (pack.json, already
 * validated against its schema) and its Cedar rules behind `evaluate`. Packs are
 * content-addressed by `hash` (docs/FORMATS.md) and never change once published.
 */
export type PolicyOutcome = 'allow' | 'escalate' | 'refuse';
export type PolicyAction = 'escalate' | 'refuse';
export type DisclosureMode = 'hashed' | 'public';

export interface PolicyPackData {
  jurisdiction: string;
  version: string;
  /** Marks the shipped packs: examples, not legal advice. */
  example?: boolean;
  description?: string;
  /** Further agreement jurisdictions the pack decides for (e.g. the EU pack for DE). */
  covers?: string[];
  /** Per type (or "*" for any type), per currency: the value above which a principal must ratify. */
  thresholds?: Record<string, Record<string, string>>;
  /** Types refused or always escalated. */
  restrictedTypes?: Record<string, PolicyAction>;
  /** Per type: the approved template ids a deposit must name in metadata.terms.template. */
  templates?: Record<string, string[]>;
  /** What an unknown or missing template does; escalate when unset. */
  novelTerms?: PolicyAction;
  /** Per type: how long an agreement is kept (read by retention). */
  retention?: Record<string, { minDays: number; maxDays?: number }>;
  /** Whether the metadata goes on chain in clear (`public`) or only by hash; one mode, or per type (or "*"). */
  disclosure?: DisclosureMode | Record<string, DisclosureMode>;
  /** Counter-parties whose home jurisdiction is outside `allowed` escalate (or refuse). */
  crossBorder?: { allowed: string[]; action?: PolicyAction };
  /** What a deal outside its NDA's scope does; refuse when unset. */
  ndaScope?: PolicyAction;
  /** Per type: a JSON Schema the deposit's `terms` must match (INVALID_TERMS otherwise). */
  termsSchemas?: Record<string, Record<string, unknown>>;
  /** Behaviour monitoring's rules for credentials at home here (docs/MONITORING.md). */
  monitoring?: MonitoringOverrides;
}

/** One Cedar rule: `forbid` refuses, `permit` with a reason escalates, `permit` alone records. */
export interface PolicyRule {
  id: string;
  effect: 'permit' | 'forbid';
  reason: string | null;
}

export interface RuleEvaluation {
  fired: string[];
  errors: Array<{ rule: string; message: string }>;
}

export interface CompiledPolicyPack {
  hash: string;
  data: PolicyPackData;
  rules: ReadonlyMap<string, PolicyRule>;
  evaluate(context: PolicyContext): RuleEvaluation;
  /** Problems of the terms against the pack's terms schema for their type, with paths. */
  termsProblems(type: string, terms: unknown): Array<{ path: string; message: string }>;
}

/** Every attribute a Cedar rule may read, always present (so a rule never errors on one). */
export interface PolicyContext {
  [key: string]: string | number | boolean | string[];
  type: string;
  jurisdictions: string[];
  currency: string;
  /** The integer part of the value, capped at 2^53 (Cedar Longs); -1 when there is none. */
  valueUnits: number;
  template: string;
  parentType: string;
  partyHomes: string[];
  mandateExceeded: boolean;
  overThreshold: boolean;
  novelTerms: boolean;
  crossBorder: boolean;
  ndaScopeExceeded: boolean;
}

/** The jurisdictions a pack decides for: its own, its sub-divisions (US-NY) and what it covers. */
export function packApplies(data: PolicyPackData, jurisdictions: string[]): boolean {
  return jurisdictions.some(
    (code) =>
      code === data.jurisdiction ||
      code.startsWith(`${data.jurisdiction}-`) ||
      (data.covers ?? []).includes(code),
  );
}
