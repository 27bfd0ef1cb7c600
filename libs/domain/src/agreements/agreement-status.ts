import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

/**
 * The life of an agreement. Anchoring moves PENDING_ANCHOR → ANCHORED → FINAL; a reorg
 * may move ANCHORED back to PENDING_ANCHOR, and one deeper than the confirmations FINAL
 * back to ANCHORED. The rest are decisions of people. Every status change, in a use case
 * or in a set-based statement, is checked against TRANSITIONS (`assertTransition`,
 * `sourcesOf`).
 */
export enum AgreementStatus {
  PendingRatification = 'PENDING_RATIFICATION',
  PendingAnchor = 'PENDING_ANCHOR',
  Anchored = 'ANCHORED',
  Final = 'FINAL',
  Rejected = 'REJECTED',
  Terminated = 'TERMINATED',
  Superseded = 'SUPERSEDED',
  Shredded = 'SHREDDED',
}

const TRANSITIONS: Record<AgreementStatus, AgreementStatus[]> = {
  [AgreementStatus.PendingRatification]: [AgreementStatus.PendingAnchor, AgreementStatus.Rejected],
  [AgreementStatus.PendingAnchor]: [AgreementStatus.Anchored],
  [AgreementStatus.Anchored]: [AgreementStatus.Final, AgreementStatus.PendingAnchor],
  [AgreementStatus.Final]: [
    AgreementStatus.Terminated,
    AgreementStatus.Superseded,
    AgreementStatus.Shredded,
    AgreementStatus.Anchored,
  ],
  [AgreementStatus.Rejected]: [AgreementStatus.Shredded],
  [AgreementStatus.Terminated]: [AgreementStatus.Shredded],
  [AgreementStatus.Superseded]: [AgreementStatus.Terminated, AgreementStatus.Shredded],
  [AgreementStatus.Shredded]: [],
};

export function canTransition(from: AgreementStatus, to: AgreementStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * The statuses an agreement may move to `to` from, in the transition table's order: what a
 * set-based update (one statement for many agreements) puts in its WHERE clause.
 */
export function sourcesOf(to: AgreementStatus): AgreementStatus[] {
  return (Object.keys(TRANSITIONS) as AgreementStatus[]).filter((from) => canTransition(from, to));
}

export function assertTransition(from: AgreementStatus, to: AgreementStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError(ErrorCode.InvalidState, `an agreement in ${from} cannot become ${to}`, {
      from,
      to,
    });
  }
}

/** An agreement others may build on (a parent, or one to amend): accepted and not ended. */
export function isInForce(status: AgreementStatus): boolean {
  return [AgreementStatus.PendingAnchor, AgreementStatus.Anchored, AgreementStatus.Final].includes(status);
}
