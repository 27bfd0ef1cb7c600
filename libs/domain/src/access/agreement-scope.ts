import type { AgreementRecord } from '../agreements/records';
import type { Caller } from './caller';

/**
 * Who may see an agreement: its parties' organisations, the regulators of its
 * jurisdictions, and courts (which verify any agreement put before them). The operator
 * administers Signet and reads no agreement.
 */
export function canSee(
  caller: Caller,
  agreement: Pick<AgreementRecord, 'organizationIds' | 'jurisdictions'>,
): boolean {
  switch (caller.role) {
    case 'agent':
    case 'principal':
      return caller.organizationId !== null && agreement.organizationIds.includes(caller.organizationId);
    case 'regulator':
      return agreement.jurisdictions.some((code) => caller.jurisdictions.includes(code));
    case 'court':
      return true;
    default:
      return false;
  }
}
