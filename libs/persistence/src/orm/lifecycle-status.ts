/**
 * The agreement's status as its indexes hold it: the three anchoring steps collapse into
 * RECORDED. The generated column `agreements.lifecycle_status` is defined by this expression
 * (migration 0008), and the list filter maps a status to it with `lifecycleStatusOf`.
 */
import { AgreementStatus } from '@signet/domain';

export const RECORDED = 'RECORDED';
const ANCHORING_STEPS: string[] = [
  AgreementStatus.PendingAnchor,
  AgreementStatus.Anchored,
  AgreementStatus.Final,
];

export const LIFECYCLE_STATUS_SQL = `CASE WHEN "status" IN (${ANCHORING_STEPS.map((s) => `'${s}'`).join(', ')}) THEN '${RECORDED}' ELSE "status" END`;

export function lifecycleStatusOf(status: string): string {
  return ANCHORING_STEPS.includes(status) ? RECORDED : status;
}

/** True when the lifecycle status alone does not pin the status down (an anchoring step). */
export function isAnchoringStep(status: string): boolean {
  return ANCHORING_STEPS.includes(status);
}
