import { Inject, Injectable } from '@nestjs/common';
import {
  CredentialRepository,
  DomainError,
  ErrorCode,
  type Caller,
  type CredentialDetails,
} from '@signet/domain';
import { keccak256Hex, utf8 } from '@signet/formats';

/**
 * Revocation takes effect in the database at once (the next authenticated call of that
 * credential fails) and is anchored on chain through the outbox, with the reason's hash.
 */
@Injectable()
export class RevokeCredentialUseCase {
  constructor(@Inject(CredentialRepository) private readonly credentials: CredentialRepository) {}

  async execute(
    caller: Caller,
    credentialId: string,
    reason: string,
    now = new Date(),
  ): Promise<CredentialDetails> {
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
    const reasonHash = keccak256Hex(utf8(trimmed));
    return this.credentials.revoke({
      credentialId,
      reason: trimmed,
      at: now,
      outbox: { kind: 'credential_revoke', subjectId: credentialId, payload: { reasonHash } },
      audit: { action: 'credential.revoke', actor: caller, subjectId: credentialId, detail: { reasonHash } },
    });
  }
}
