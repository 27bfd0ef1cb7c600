import type { Caller } from '../access/caller';
import type { BehaviourState, NewFinding } from '../monitoring/behaviour-baseline';
import type { SystemFeature } from '../monitoring/chain-findings';
import type { Feature, FindingAction, FindingSeverity } from '../monitoring/monitoring-rules';

/** What the monitor needs of a credential: whose it is and where it lives. */
export interface MonitoredCredential {
  id: string;
  role: string;
  organizationId: string | null;
  /** The organisation's home jurisdiction. */
  home: string | null;
  jurisdictions: string[];
  principalId: string | null;
}

/** What one pass over a credential's events decided; written with its baseline, all or none. */
export interface BaselineUpdate {
  state: BehaviourState;
  findings: NewFinding[];
  /** Set when a finding's action is `escalate`: its deals wait for a principal until then. */
  escalateUntil: Date | null;
  /** Set when a finding's action is `suspend`. */
  suspend: boolean;
}

export interface FindingRecord extends Omit<NewFinding, 'at'> {
  id: string;
  /** Null for a finding about the service itself (SYSTEM_FEATURES), which only the operator sees. */
  credentialId: string | null;
  organizationId: string | null;
  jurisdictions: string[];
  raisedAt: Date;
}

/** Whose findings: always present, so no query runs unscoped (the operator's is `all`). */
export type FindingScope = { all: true } | { organizationId: string } | { jurisdictions: string[] };

export interface FindingFilter {
  credentialId?: string;
  feature?: Feature | SystemFeature;
  severity?: FindingSeverity;
  action?: FindingAction;
  raisedFrom?: Date;
  raisedTo?: Date;
}

export interface CredentialReinstatement {
  credentialId: string;
  reason: string;
  actor: Caller;
}

/**
 * Behaviour baselines and findings in PostgreSQL. `update` runs under the baseline's row
 * lock, so API replicas feeding the same credential take turns on one shared baseline;
 * each finding is written with its `behaviour.finding` audit event (the hash chain) and
 * its action's effect on the credential, in one transaction.
 */
export abstract class BehaviourStore {
  abstract credentials(ids: string[]): Promise<MonitoredCredential[]>;
  abstract update(
    credential: MonitoredCredential,
    apply: (state: BehaviourState | null) => BaselineUpdate,
  ): Promise<FindingRecord[]>;
  /** Newest first, strictly before the finding `after` (an id). */
  abstract findings(
    scope: FindingScope,
    filter: FindingFilter,
    first: number,
    after: string | null,
  ): Promise<FindingRecord[]>;
  /**
   * Lifts a suspension and an escalation, audited: what was lifted (`suspended` when the
   * credential was suspended), or null when it was neither.
   */
  abstract reinstate(reinstatement: CredentialReinstatement): Promise<'suspended' | 'escalated' | null>;
  /** The credential's principal and organisation, for deciding who may reinstate it. */
  abstract credential(id: string): Promise<MonitoredCredential | null>;
}
