import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import type { DepositCommand } from './deposit-command';

/**
 * Within one batch an idempotency key, an agreement id, or an agreement to amend may appear
 * only once: the refusal of each later appearance, by position (undefined: no repeat).
 * `supersedes` holds each deposit's agreement to amend, where its metadata names one.
 */
export function batchRepeats(
  commands: DepositCommand[],
  supersedes: Array<string | null | undefined>,
  skip: (index: number) => boolean,
): Array<DomainError | undefined> {
  const keys = new Set<string>();
  const ids = new Set<string>();
  const amended = new Set<string>();
  return commands.map((command, index) => {
    if (skip(index)) return undefined;
    const old = supersedes[index];
    let repeat: DomainError | undefined;
    if (keys.has(command.idempotencyKey)) {
      repeat = new DomainError(ErrorCode.BadInput, 'this idempotencyKey appears earlier in the batch', {
        field: 'idempotencyKey',
      });
    } else if (ids.has(command.agreementId)) {
      repeat = new DomainError(ErrorCode.Conflict, 'this agreement appears earlier in the batch', {
        agreementId: command.agreementId,
      });
    } else if (old && amended.has(old)) {
      repeat = new DomainError(ErrorCode.Conflict, 'an earlier deposit of the batch amends this agreement', {
        supersedes: old,
      });
    }
    keys.add(command.idempotencyKey);
    ids.add(command.agreementId);
    if (old) amended.add(old);
    return repeat;
  });
}
