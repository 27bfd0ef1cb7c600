import type { DataSource } from 'typeorm';
import {
  DomainError,
  ErrorCode,
  PolicyPackStore,
  type ActivePolicyPacks,
  type Caller,
  type PolicyActivationRecord,
  type PolicyPackRecord,
} from '@signet/domain';
import { appendAudit } from './audit.writer';
import { enqueueOutbox } from './outbox.writer';
import { PolicyActivationOrmEntity, PolicyPackOrmEntity } from './orm/policy-pack.orm-entity';

function toRecord(row: PolicyPackOrmEntity): PolicyPackRecord {
  return {
    hash: row.hash,
    jurisdiction: row.jurisdiction,
    version: row.version,
    files: row.files,
    publishedAt: row.publishedAt,
  };
}

/** A jurisdiction code as the contract's bytes32: its ASCII, right-padded with zeros. */
export function jurisdictionWord(jurisdiction: string): string {
  return `0x${Buffer.from(jurisdiction, 'ascii').toString('hex').padEnd(64, '0')}`;
}

/** PolicyPackStore on PostgreSQL through TypeORM. */
export class TypeormPolicyPackStore extends PolicyPackStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  publish(pack: Omit<PolicyPackRecord, 'publishedAt'>, actor: Caller): Promise<PolicyPackRecord> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(PolicyPackOrmEntity, { hash: pack.hash });
      if (existing) return toRecord(existing);
      const row = await manager.save(
        manager.create(PolicyPackOrmEntity, { ...pack, publishedBy: actor.credentialId }),
      );
      await appendAudit(manager, {
        action: 'policy.publish',
        actorId: actor.credentialId,
        actorRole: actor.role,
        subjectId: pack.hash,
        detail: { jurisdiction: pack.jurisdiction, version: pack.version },
      });
      return toRecord(row);
    });
  }

  async find(hash: string): Promise<PolicyPackRecord | null> {
    const row = await this.dataSource.getRepository(PolicyPackOrmEntity).findOneBy({ hash });
    return row ? toRecord(row) : null;
  }

  async list(jurisdiction: string): Promise<PolicyPackRecord[]> {
    const rows = await this.dataSource
      .getRepository(PolicyPackOrmEntity)
      .find({ where: { jurisdiction }, order: { publishedAt: 'DESC' } });
    return rows.map(toRecord);
  }

  async activations(jurisdiction: string): Promise<PolicyActivationRecord[]> {
    const rows = await this.dataSource
      .getRepository(PolicyActivationOrmEntity)
      .find({ where: { jurisdiction }, order: { id: 'DESC' } });
    return rows.map(({ packHash, activatedAt }) => ({ jurisdiction, packHash, activatedAt }));
  }

  activate(jurisdiction: string, packHash: string, actor: Caller): Promise<PolicyActivationRecord> {
    return this.dataSource.transaction(async (manager) => {
      const pack = await manager.findOneBy(PolicyPackOrmEntity, { hash: packHash });
      if (!pack)
        throw new DomainError(ErrorCode.PolicyPackUnknown, `no published pack ${packHash}`, { path: 'pack' });
      if (pack.jurisdiction !== jurisdiction) {
        throw new DomainError(
          ErrorCode.JurisdictionUnknown,
          `pack ${packHash} is for ${pack.jurisdiction}, not ${jurisdiction}`,
          { path: 'jurisdiction', packJurisdiction: pack.jurisdiction },
        );
      }
      const row = await manager.save(
        manager.create(PolicyActivationOrmEntity, {
          jurisdiction,
          packHash,
          activatedBy: actor.credentialId,
        }),
      );
      await enqueueOutbox(manager, {
        kind: 'policy_activation',
        subjectId: packHash,
        payload: { jurisdiction: jurisdictionWord(jurisdiction) },
      });
      await appendAudit(manager, {
        action: 'policy.activate',
        actorId: actor.credentialId,
        actorRole: actor.role,
        subjectId: packHash,
        detail: { jurisdiction },
      });
      return { jurisdiction, packHash, activatedAt: row.activatedAt };
    });
  }

  async loadActive(): Promise<ActivePolicyPacks> {
    const rows = await this.dataSource.query<Array<PolicyPackOrmEntity & { version_id: string }>>(
      `SELECT p.hash, p.jurisdiction, p.version, p.files, p.published_at AS "publishedAt",
              (SELECT coalesce(max(id), 0) FROM policy_activations) AS version_id
         FROM (SELECT DISTINCT ON (jurisdiction) jurisdiction, pack_hash FROM policy_activations
               ORDER BY jurisdiction, id DESC) a
         JOIN policy_packs p ON p.hash = a.pack_hash
        ORDER BY p.jurisdiction`,
    );
    // The version comes with the packs (one snapshot); with no activation at all there are no rows.
    const version = rows.length > 0 ? Number(rows[0].version_id) : await this.activationVersion();
    return { version, packs: rows.map(toRecord) };
  }

  private async activationVersion(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ version: string }>>(
      'SELECT coalesce(max(id), 0) AS version FROM policy_activations',
    );
    return Number(row.version);
  }
}
