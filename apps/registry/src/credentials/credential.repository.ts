import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertCredentialLive, DomainError, ErrorCode, ROLES, type Caller, type Role } from '@signet/domain';
import { CredentialOrmEntity, OrganizationOrmEntity, preparedRows } from '@signet/persistence';

/** Reads of credentials and organisations; writes happen in the use cases' transactions. */
@Injectable()
export class CredentialRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CredentialOrmEntity | null> {
    return manager.findOneBy(CredentialOrmEntity, { id });
  }

  findBySigningKey(
    signingKey: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CredentialOrmEntity | null> {
    return manager.findOneBy(CredentialOrmEntity, { signingKey });
  }

  /** By id (a uuid) or by its unique name, so the CLI can say `--org acme`. */
  async findOrganization(
    idOrName: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationOrmEntity | null> {
    const byId = UUID.test(idOrName)
      ? await manager.findOneBy(OrganizationOrmEntity, { id: idOrName })
      : null;
    return byId ?? manager.findOneBy(OrganizationOrmEntity, { name: idOrName });
  }

  /**
   * The caller behind a credential, checked live now: this runs on every authenticated
   * request, which is what makes a revocation bite on the next call.
   */
  async liveCaller(credentialId: string, now = new Date()): Promise<Caller> {
    // A prepared statement of the few columns it needs: the entity query cost more than
    // the rest of a small request.
    const [credential] = await preparedRows<LiveCallerRow>(
      this.dataSource,
      'signet_live_caller',
      LIVE_CALLER_SQL,
      [credentialId],
    );
    if (!credential)
      throw new DomainError(ErrorCode.Unauthenticated, 'the credential of this token is unknown');
    assertCredentialLive(credential, now);
    return callerOf(credential);
  }
}

const LIVE_CALLER_SQL = `SELECT id, role, organization_id AS "organizationId", jurisdictions,
  expires_at AS "expiresAt", revoked_at AS "revokedAt" FROM credentials WHERE id = $1`;

type LiveCallerRow = Pick<
  CredentialOrmEntity,
  'id' | 'role' | 'organizationId' | 'jurisdictions' | 'expiresAt' | 'revokedAt'
>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function roleOf(value: string): Role {
  const role = ROLES.find((candidate) => candidate === value);
  if (!role) throw new DomainError(ErrorCode.Internal, `credential with unknown role "${value}"`);
  return role;
}

export function callerOf(
  credential: Pick<CredentialOrmEntity, 'id' | 'role' | 'organizationId' | 'jurisdictions'>,
): Caller {
  return {
    credentialId: credential.id,
    role: roleOf(credential.role),
    organizationId: credential.organizationId,
    jurisdictions: [...credential.jurisdictions],
  };
}
