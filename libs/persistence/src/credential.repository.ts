import { QueryFailedError, type DataSource } from 'typeorm';
import {
  CredentialRepository,
  DomainError,
  ErrorCode,
  ROLES,
  type AuditNote,
  type CredentialDetails,
  type CredentialRevocation,
  type LiveCallerFacts,
  type OrganizationDetails,
  type OutboxWork,
  type RegulatorDesignationDetails,
  type Role,
} from '@signet/domain';
import { appendAudit, auditEntry } from './audit.writer';
import { enqueueOutbox } from './outbox.writer';
import { CredentialOrmEntity } from './orm/credential.orm-entity';
import { OrganizationOrmEntity } from './orm/organization.orm-entity';
import { RegulatorDesignationOrmEntity } from './orm/regulator-designation.orm-entity';
import { preparedRows } from './sql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** CredentialRepository on PostgreSQL. */
export class PgCredentialRepository extends CredentialRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  findById(id: string): Promise<CredentialDetails | null> {
    return this.dataSource.manager.findOneBy(CredentialOrmEntity, { id });
  }

  findBySigningKey(signingKey: string): Promise<CredentialDetails | null> {
    return this.dataSource.manager.findOneBy(CredentialOrmEntity, { signingKey });
  }

  async findOrganization(idOrName: string): Promise<OrganizationDetails | null> {
    const manager = this.dataSource.manager;
    const byId = UUID.test(idOrName)
      ? await manager.findOneBy(OrganizationOrmEntity, { id: idOrName })
      : null;
    return byId ?? manager.findOneBy(OrganizationOrmEntity, { name: idOrName });
  }

  listOrganizations(first: number): Promise<OrganizationDetails[]> {
    return this.dataSource.manager.find(OrganizationOrmEntity, {
      order: { createdAt: 'ASC', id: 'ASC' },
      take: first,
    });
  }

  listCredentials(organizationId: string | null, first: number): Promise<CredentialDetails[]> {
    return this.dataSource.manager.find(CredentialOrmEntity, {
      where: organizationId === null ? {} : { organizationId },
      order: { issuedAt: 'ASC', id: 'ASC' },
      take: first,
    });
  }

  async liveCallerFacts(credentialId: string): Promise<LiveCallerFacts | null> {
    // A prepared statement of the few columns it needs: the entity query cost more than
    // the rest of a small request.
    const [row] = await preparedRows<LiveCallerRow>(this.dataSource, 'signet_live_caller', LIVE_CALLER_SQL, [
      credentialId,
    ]);
    return row ? { ...row, role: roleOf(row.role) } : null;
  }

  async insertCredential(credential: CredentialDetails, outbox: OutboxWork, audit: AuditNote): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(CredentialOrmEntity, credential);
        await enqueueOutbox(manager, outbox);
        await appendAudit(manager, auditEntry(audit));
      });
    } catch (error) {
      // Two issues of one key racing: the unique index decides, the loser hears why.
      if (isUniqueViolation(error)) {
        throw new DomainError(
          ErrorCode.KeyInUse,
          'this signing key already has a credential: make a new key',
        );
      }
      throw error;
    }
  }

  revoke({ credentialId, reason, at, outbox, audit }: CredentialRevocation): Promise<CredentialDetails> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(CredentialOrmEntity, {
        where: { id: credentialId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new DomainError(ErrorCode.CredentialUnknown, `no credential ${credentialId}`);
      if (row.revokedAt !== null)
        throw new DomainError(ErrorCode.Conflict, `credential ${credentialId} is already revoked`);
      await manager.update(
        CredentialOrmEntity,
        { id: credentialId },
        { revokedAt: at, revocationReason: reason },
      );
      await enqueueOutbox(manager, outbox);
      await appendAudit(manager, auditEntry(audit));
      return { ...row, revokedAt: at, revocationReason: reason };
    });
  }

  async addOrganization(
    organization: Omit<OrganizationDetails, 'createdAt'>,
    audit: AuditNote,
  ): Promise<OrganizationDetails> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(manager.create(OrganizationOrmEntity, organization));
        await appendAudit(manager, auditEntry(audit));
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          ErrorCode.OrganizationExists,
          `an organisation named "${organization.name}" exists`,
        );
      }
      throw error;
    }
  }

  designateRegulator(
    designation: Omit<RegulatorDesignationDetails, 'designatedAt'>,
    audit: AuditNote,
  ): Promise<RegulatorDesignationDetails> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(RegulatorDesignationOrmEntity, designation);
      if (existing) return existing;
      const saved = await manager.save(manager.create(RegulatorDesignationOrmEntity, designation));
      await appendAudit(manager, auditEntry(audit));
      return saved;
    });
  }
}

const LIVE_CALLER_SQL = `SELECT id, role, organization_id AS "organizationId", jurisdictions,
  expires_at AS "expiresAt", revoked_at AS "revokedAt", suspended_at AS "suspendedAt"
  FROM credentials WHERE id = $1`;

type LiveCallerRow = Omit<LiveCallerFacts, 'role'> & { role: string };

function roleOf(value: string): Role {
  const role = ROLES.find((candidate) => candidate === value);
  if (!role) throw new DomainError(ErrorCode.Internal, `credential with unknown role "${value}"`);
  return role;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}
