import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import {
  AgreementStore,
  DomainError,
  ErrorCode,
  type AgreementRecord,
  type Caller,
  type AuditNote,
  type CredentialRecord,
  type DepositContext,
  type DepositContextQuery,
  type NewDeposit,
  type SignatureRecord,
  type StatusChangeRecord,
  type StatusUpdate,
  type WrapRecord,
  AgreementStatus,
  AgreementStatusEvent,
  assertTransition,
} from '@signet/domain';
import { appendAudit, auditEntry } from './audit.writer';
import { preparedRows } from './sql';
import { INSERT_DEPOSITS_SQL, insertDepositsParameters, type InsertDepositsRow } from './deposit-insert.sql';
import { DEPOSIT_CONTEXTS_SQL, depositContextsFrom, type DepositContextsRow } from './deposit-context.sql';
import { enqueueOutbox } from './outbox.writer';
import { AgreementOrmEntity } from './orm/agreement.orm-entity';
import { AgreementSignatureOrmEntity } from './orm/agreement-signature.orm-entity';
import { AgreementStatusChangeOrmEntity } from './orm/agreement-status-change.orm-entity';
import { AgreementWrapOrmEntity } from './orm/agreement-wrap.orm-entity';
import { CredentialOrmEntity } from './orm/credential.orm-entity';
import { RegulatorDesignationOrmEntity } from './orm/regulator-designation.orm-entity';
import { toAgreementRecord, toCredentialRecord } from './record-mappers';
import { loadAnchorColumns } from './anchor-columns.loader';

const INSERT_DEPOSITS_STATEMENT = 'signet_insert_deposits';

/** AgreementStore on PostgreSQL through TypeORM. */
export class TypeormAgreementStore extends AgreementStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async loadDepositContexts(depositorId: string, queries: DepositContextQuery[]): Promise<DepositContext[]> {
    if (queries.length === 0) return [];
    const distinct = (values: string[]) => [...new Set(values)];
    const [row] = await preparedRows<DepositContextsRow>(
      this.dataSource,
      'signet_deposit_contexts',
      DEPOSIT_CONTEXTS_SQL,
      [
        depositorId,
        distinct(queries.map((q) => q.idempotencyKey)),
        distinct(queries.flatMap((q) => q.parties)),
        distinct(queries.flatMap((q) => q.jurisdictions)),
        distinct(queries.flatMap((q) => [q.parentId, q.supersedesId].filter((id) => id !== null))),
      ],
    );
    return depositContextsFrom(row, queries);
  }

  async findCredentials(ids: string[]): Promise<CredentialRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(CredentialOrmEntity).findBy({ id: In(ids) });
    return rows.map(toCredentialRecord);
  }

  async findDesignatedRegulators(jurisdictions: string[]): Promise<CredentialRecord[]> {
    if (jurisdictions.length === 0) return [];
    const designations = await this.dataSource
      .getRepository(RegulatorDesignationOrmEntity)
      .findBy({ jurisdiction: In(jurisdictions) });
    const ids = [...new Set(designations.map((row) => row.credentialId))];
    const credentials = await this.findCredentials(ids);
    // A revoked regulator no longer receives new agreements.
    return credentials.filter((credential) => credential.revokedAt === null);
  }

  async findAgreement(id: string): Promise<AgreementRecord | null> {
    const row = await this.dataSource.getRepository(AgreementOrmEntity).findOneBy({ id });
    return row ? this.withAnchor(row) : null;
  }

  async findVisibleAgreement(caller: Caller, id: string): Promise<AgreementRecord | null> {
    const query = this.dataSource
      .getRepository(AgreementOrmEntity)
      .createQueryBuilder('a')
      .where('a.id = :id', { id });
    if (!scopeWhere(query, caller)) return null;
    const row = await query.getOne();
    return row ? this.withAnchor(row) : null;
  }

  async findByIdempotencyKey(depositorId: string, key: string): Promise<AgreementRecord | null> {
    const row = await this.dataSource
      .getRepository(AgreementOrmEntity)
      .findOneBy({ depositorId, idempotencyKey: key });
    return row ? this.withAnchor(row) : null;
  }

  async insertDeposits(deposits: NewDeposit[]): Promise<Array<DomainError | undefined>> {
    if (deposits.length === 0) return [];
    const [{ inserted, amendable }] = await preparedRows<InsertDepositsRow>(
      this.dataSource,
      INSERT_DEPOSITS_STATEMENT,
      INSERT_DEPOSITS_SQL,
      insertDepositsParameters(deposits),
    );
    const written = new Set(inserted);
    const replaceable = new Set(amendable);
    return deposits.map(({ agreement, anchor }) => {
      if (written.has(agreement.id)) return undefined;
      if (agreement.supersedesId && anchor && !replaceable.has(agreement.supersedesId)) {
        return new DomainError(ErrorCode.InvalidState, 'the amended agreement is no longer final', {
          supersedes: agreement.supersedesId,
        });
      }
      return new DomainError(
        ErrorCode.Conflict,
        'this agreement, or this idempotency key, is already deposited',
        {
          agreementId: agreement.id,
        },
      );
    });
  }

  async updateStatus(update: StatusUpdate): Promise<boolean> {
    // A partial ratification records a signature and stays where it is: no status change.
    if (update.from !== update.to) assertTransition(update.from, update.to);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.moveStatus(manager, update.agreementId, update.from, update.to))) return false;
      if (update.supersedes) {
        await this.supersede(
          manager,
          update.supersedes,
          update.agreementId,
          update.actorId ?? update.agreementId,
        );
      }
      await manager.insert(AgreementStatusChangeOrmEntity, {
        agreementId: update.agreementId,
        status: update.to,
        actorId: update.actorId,
        reason: update.reason ?? null,
      });
      if (update.signatures?.length) {
        await manager.upsert(
          AgreementSignatureOrmEntity,
          update.signatures.map((signature) => ({ agreementId: update.agreementId, ...signature })),
          ['agreementId', 'kind', 'credentialId'],
        );
      }
      await appendAudit(manager, auditEntry(update.audit));
      for (const work of update.outbox ?? []) await enqueueOutbox(manager, work);
      return true;
    });
  }

  async findSignatures(agreementId: string): Promise<SignatureRecord[]> {
    const rows = await this.dataSource.getRepository(AgreementSignatureOrmEntity).findBy({ agreementId });
    return rows.map(({ credentialId, signingKey, signature, kind }) => ({
      credentialId,
      signingKey,
      signature,
      kind: kind as SignatureRecord['kind'],
    }));
  }

  async findWraps(agreementId: string): Promise<WrapRecord[]> {
    const rows = await this.dataSource.getRepository(AgreementWrapOrmEntity).findBy({ agreementId });
    return rows.map(({ keyId, credentialId, box }) => ({ keyId, credentialId, box }));
  }

  async findStatusHistory(agreementId: string): Promise<StatusChangeRecord[]> {
    const rows = await this.dataSource
      .getRepository(AgreementStatusChangeOrmEntity)
      .find({ where: { agreementId }, order: { id: 'ASC' } });
    return rows.map(({ status, actorId, reason, at }) => ({
      status: status as AgreementStatus,
      actorId,
      reason,
      at,
    }));
  }

  async insertWrap(agreementId: string, wrap: WrapRecord, audit: AuditNote): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(AgreementWrapOrmEntity, { agreementId, ...wrap });
      await appendAudit(manager, auditEntry(audit));
    });
  }

  async appendAudit(note: AuditNote): Promise<void> {
    await appendAudit(this.dataSource.manager, auditEntry(note));
  }

  /** The amended agreement is replaced in the same transaction that queues its amendment. */
  async supersede(manager: EntityManager, oldId: string, newId: string, actorId: string): Promise<void> {
    assertTransition(AgreementStatus.Final, AgreementStatus.Superseded);
    const moved = await this.moveStatus(manager, oldId, AgreementStatus.Final, AgreementStatus.Superseded, {
      supersededById: newId,
    });
    if (!moved)
      throw new DomainError(ErrorCode.InvalidState, 'the amended agreement is no longer final', { oldId });
    await manager.insert(AgreementStatusChangeOrmEntity, {
      agreementId: oldId,
      status: AgreementStatus.Superseded,
      actorId,
      reason: `amended by ${newId}`,
    });
    await enqueueOutbox(manager, {
      kind: 'status',
      subjectId: oldId,
      payload: { status: AgreementStatusEvent.Amended, detail: newId },
    });
  }

  private async moveStatus(
    manager: EntityManager,
    id: string,
    from: AgreementStatus,
    to: AgreementStatus,
    extra: Partial<AgreementOrmEntity> = {},
  ): Promise<boolean> {
    const result = await manager.update(
      AgreementOrmEntity,
      { id, status: from },
      { status: to, updatedAt: new Date(), ...extra },
    );
    return (result.affected ?? 0) > 0;
  }

  private async withAnchor(row: AgreementOrmEntity): Promise<AgreementRecord> {
    const anchors = await loadAnchorColumns(this.dataSource, [row]);
    return toAgreementRecord(row, anchors.get(row.id) ?? null);
  }
}

/**
 * The caller's scope as a WHERE clause, the SQL twin of the domain's `canSee`: its
 * organisation among the parties', or one of its jurisdictions; a court sees any agreement.
 * False when the caller can see none (the operator), so the query need not run.
 */
function scopeWhere(query: SelectQueryBuilder<AgreementOrmEntity>, caller: Caller): boolean {
  switch (caller.role) {
    case 'agent':
    case 'principal':
      if (caller.organizationId === null) return false;
      query.andWhere('a.organization_ids @> ARRAY[CAST(:scopeOrg AS uuid)]', {
        scopeOrg: caller.organizationId,
      });
      return true;
    case 'regulator':
      query.andWhere('a.jurisdictions && CAST(:scopeJurisdictions AS text[])', {
        scopeJurisdictions: caller.jurisdictions,
      });
      return true;
    case 'court':
      return true;
    default:
      return false;
  }
}
