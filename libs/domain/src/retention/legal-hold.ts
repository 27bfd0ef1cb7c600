import type { Caller } from '../access/caller';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

export const MAX_HOLD_REASON_LENGTH = 1000;

/**
 * Who may place or lift a legal hold: a court, or a regulator of one of the agreement's
 * jurisdictions. Other roles are refused FORBIDDEN by the authorization matrix; a regulator
 * of another jurisdiction gets exactly the answer for an id that does not exist (the
 * project's scoping rule: out of scope reads as unknown), so it learns nothing of it.
 */
export function holdRefused(id: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `no agreement ${id} you may hold`);
}

export function mayHold(caller: Caller, jurisdictions: string[]): boolean {
  if (caller.role === 'court') return true;
  return caller.role === 'regulator' && jurisdictions.some((code) => caller.jurisdictions.includes(code));
}

export function holdReason(input: string): string {
  const reason = input.trim();
  if (reason.length === 0 || reason.length > MAX_HOLD_REASON_LENGTH) {
    throw new DomainError(
      ErrorCode.BadInput,
      `a legal hold needs a reason of 1–${MAX_HOLD_REASON_LENGTH} characters; it is logged`,
      { field: 'reason' },
    );
  }
  return reason;
}
