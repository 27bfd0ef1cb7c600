import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  credentialState,
  CredentialRepository,
  DomainError,
  ErrorCode,
  type CredentialDetails,
} from '@signet/domain';
import { CredentialIssuer } from './credential-issuer';
import { OperatorIdentity } from './operator-identity';

/**
 * The operator is a credential like any other (it logs in the same way and its issue is
 * anchored), self-issued on first start from the operator key file.
 */
@Injectable()
export class OperatorCredentialBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('OperatorCredential');

  constructor(
    @Inject(CredentialRepository) private readonly credentials: CredentialRepository,
    @Inject(CredentialIssuer) private readonly issuer: CredentialIssuer,
    @Inject(OperatorIdentity) private readonly operator: OperatorIdentity,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const existing = await this.credentials.findBySigningKey(this.operator.signingKey);
    if (existing) return this.check(existing);
    try {
      const row = await this.issuer.issue(
        {
          role: 'operator',
          organizationId: null,
          signingKey: this.operator.signingKey,
          boxKey: this.operator.boxKey,
          jurisdictions: [],
          principalId: null,
          mandate: null,
          expiresAt: null,
          label: 'operator',
        },
        null,
      );
      this.logger.log(`issued the operator credential ${row.id}`);
    } catch (error) {
      // Replicas starting together: the unique signing key lets one issue it, the others find it.
      if (!(error instanceof DomainError && error.code === ErrorCode.KeyInUse)) throw error;
      const issued = await this.credentials.findBySigningKey(this.operator.signingKey);
      if (issued) this.check(issued);
    }
  }

  private check(existing: CredentialDetails): void {
    if (existing.role !== 'operator') {
      this.logger.error(`the operator key holds a ${existing.role} credential (${existing.id})`);
    } else if (credentialState(existing, new Date()) !== 'live') {
      this.logger.error(`the operator credential ${existing.id} is not live: administration is refused`);
    }
  }
}
