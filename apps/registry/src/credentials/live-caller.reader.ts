import { Inject, Injectable } from '@nestjs/common';
import {
  assertCredentialLive,
  CredentialRepository,
  DomainError,
  ErrorCode,
  type Caller,
} from '@signet/domain';

/**
 * The caller behind a credential, checked live now: this runs on every authenticated
 * request, which is what makes a revocation bite on the next call.
 */
@Injectable()
export class LiveCallerReader {
  constructor(@Inject(CredentialRepository) private readonly credentials: CredentialRepository) {}

  async liveCaller(credentialId: string, now = new Date()): Promise<Caller> {
    const credential = await this.credentials.liveCallerFacts(credentialId);
    if (!credential)
      throw new DomainError(ErrorCode.Unauthenticated, 'the credential of this token is unknown');
    assertCredentialLive(credential, now);
    if (credential.suspendedAt) {
      throw new DomainError(
        ErrorCode.CredentialSuspended,
        `credential ${credential.id} is suspended by behaviour monitoring until the operator or its principal reinstates it`,
      );
    }
    return {
      credentialId: credential.id,
      role: credential.role,
      organizationId: credential.organizationId,
      jurisdictions: [...credential.jurisdictions],
    };
  }
}
