import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, type Caller } from '@signet/domain';
import { keccak256Hex, utf8 } from '@signet/formats';
import { appendAudit, CredentialOrmEntity, enqueueOutbox } from '@signet/persistence';

/**
 * Revocation takes effect in the database at once (the next authenticated call of that
 * credential fails) and is anchored on chain through the outbox, with the reason's hash.
 */
@Injectable()
export class RevokeCredentialUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  execute(
    caller: Caller,
    credentialId: string,
    reason: string,
    now = new Date(),
  ): Promise<CredentialOrmEntity> {
    const trimmed = reason.trim();
    if (trimmed === '')
      throw new DomainError(ErrorCode.BadInput, 'reason: say why the credential is revoked');
    if (trimmed.length > 1000) throw new DomainError(ErrorCode.BadInput, 'reason: at most 1000 characters');
    if (credentialId === caller.credentialId) {
      throw new DomainError(
        ErrorCode.BadInput,
        'the operator cannot revoke its own credential: it would lock itself out',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(CredentialOrmEntity, {
        where: { id: credentialId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new DomainError(ErrorCode.CredentialUnknown, `no credential ${credentialId}`);
      if (row.revokedAt !== null)
        throw new DomainError(ErrorCode.Conflict, `credential ${credentialId} is already revoked`);
      row.revokedAt = now;
      row.revocationReason = trimmed;
      await manager.update(
        CredentialOrmEntity,
        { id: credentialId },
        { revokedAt: now, revocationReason: trimmed },
      );
      const reasonHash = keccak256Hex(utf8(trimmed));
      await enqueueOutbox(manager, {
        kind: 'credential_revoke',
        subjectId: credentialId,
        payload: { reasonHash },
      });
      await appendAudit(manager, {
        action: 'credential.revoke',
        actorId: caller.credentialId,
        actorRole: caller.role,
        subjectId: credentialId,
        detail: { reasonHash },
      });
      return row;
    });
  }
}
