import { Inject, Injectable } from '@nestjs/common';
import {
  BehaviourStore,
  DomainError,
  ErrorCode,
  FEATURES,
  SYSTEM_FEATURES,
  FINDING_ACTIONS,
  type Caller,
  type FindingFilter,
  type FindingRecord,
  type FindingScope,
} from '@signet/domain';

export const MAX_FINDINGS_PAGE = 100;
export const DEFAULT_FINDINGS_PAGE = 20;
const SEVERITIES = ['low', 'medium', 'high'];
const MAX_REASON = 1000;

export interface RawFindingFilter {
  credentialId?: string;
  feature?: string;
  severity?: string;
  action?: string;
  raisedFrom?: Date;
  raisedTo?: Date;
}

/**
 * Whose findings a caller sees, as a WHERE clause: the operator all; a principal its
 * organisation's credentials'; a regulator those of its jurisdictions (the authorisation
 * matrix admits no one else).
 */
export function findingScopeOf(caller: Caller): FindingScope {
  if (caller.role === 'operator') return { all: true };
  if (caller.role === 'regulator') return { jurisdictions: caller.jurisdictions };
  if (caller.role === 'principal' && caller.organizationId) return { organizationId: caller.organizationId };
  throw new DomainError(ErrorCode.Forbidden, `the ${caller.role} role sees no findings`);
}

function oneOf(field: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new DomainError(ErrorCode.BadInput, `${field} must be one of ${allowed.join(', ')}`, { field });
  }
}

/** `findings` and `reinstateCredential` (docs/MONITORING.md). */
@Injectable()
export class FindingsUseCase {
  constructor(@Inject(BehaviourStore) private readonly store: BehaviourStore) {}

  async list(
    caller: Caller,
    filter: RawFindingFilter,
    first: number,
    after: string | null,
  ): Promise<{ items: FindingRecord[]; hasNextPage: boolean }> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_FINDINGS_PAGE) {
      throw new DomainError(ErrorCode.BadInput, `first must be 1 to ${MAX_FINDINGS_PAGE}`, {
        field: 'first',
      });
    }
    if (after !== null && !/^[1-9]\d{0,17}$/.test(after)) {
      throw new DomainError(ErrorCode.BadInput, 'after: not a cursor of this list', { field: 'after' });
    }
    oneOf('feature', filter.feature, [...FEATURES, ...SYSTEM_FEATURES]);
    oneOf('severity', filter.severity, SEVERITIES);
    oneOf('action', filter.action, FINDING_ACTIONS);
    const rows = await this.store.findings(findingScopeOf(caller), filter as FindingFilter, first + 1, after);
    return { items: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /**
   * Lifts a suspension (and an escalation): the operator, or the credential's own principal.
   * A credential outside the caller's reach answers like an unknown one.
   */
  async reinstate(
    caller: Caller,
    credentialId: string,
    reasonInput: string,
  ): Promise<{ wasSuspended: boolean }> {
    const reason = reasonInput.trim();
    if (reason.length === 0 || reason.length > MAX_REASON) {
      throw new DomainError(
        ErrorCode.BadInput,
        `state the reason (1–${MAX_REASON} characters); it is logged`,
        {
          field: 'reason',
        },
      );
    }
    const credential = await this.store.credential(credentialId);
    const mayReinstate =
      credential !== null && (caller.role === 'operator' || credential.principalId === caller.credentialId);
    if (!mayReinstate) {
      throw new DomainError(
        ErrorCode.CredentialUnknown,
        `no credential ${credentialId} that you may reinstate`,
      );
    }
    const reinstated = await this.store.reinstate({ credentialId, reason, actor: caller });
    if (!reinstated) {
      throw new DomainError(
        ErrorCode.InvalidState,
        `credential ${credentialId} is neither suspended nor escalated`,
      );
    }
    return { wasSuspended: reinstated === 'suspended' };
  }
}
