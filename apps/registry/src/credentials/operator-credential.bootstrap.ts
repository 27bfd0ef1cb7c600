import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { credentialState } from '@signet/domain';
import { CredentialIssuer } from './credential-issuer';
import { CredentialRepository } from './credential.repository';
import { OperatorIdentity } from './operator-identity';

/** Any constant: serialises the check-then-insert across replicas starting together. */
const OPERATOR_BOOTSTRAP_LOCK = 0x5167_4e01;

/**
 * The operator is a credential like any other (it logs in the same way and its issue is
 * anchored), self-issued on first start from the operator key file.
 */
@Injectable()
export class OperatorCredentialBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('OperatorCredential');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CredentialRepository) private readonly credentials: CredentialRepository,
    @Inject(CredentialIssuer) private readonly issuer: CredentialIssuer,
    @Inject(OperatorIdentity) private readonly operator: OperatorIdentity,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [OPERATOR_BOOTSTRAP_LOCK]);
      const existing = await this.credentials.findBySigningKey(this.operator.signingKey, manager);
      if (existing) {
        if (existing.role !== 'operator') {
          this.logger.error(`the operator key holds a ${existing.role} credential (${existing.id})`);
        } else if (credentialState(existing, new Date()) !== 'live') {
          this.logger.error(`the operator credential ${existing.id} is not live: administration is refused`);
        }
        return;
      }
      const row = await this.issuer.issue(
        manager,
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
    });
  }
}
