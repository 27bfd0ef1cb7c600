import type { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  AgreementListRepository,
  type AgreementListQuery,
  type ListedAgreement,
  type ListPosition,
} from '@signet/domain';
import { loadAnchorColumns } from './anchor-columns.loader';
import { isAnchoringStep, lifecycleStatusOf } from './orm/lifecycle-status';
import { AgreementOrmEntity } from './orm/agreement.orm-entity';
import { toAgreementRecord } from './record-mappers';

/**
 * The agreements list in SQL. Scope is a WHERE clause (GIN-indexed array operators), and
 * pages are keyset pages on (created_at, id) descending, so page 1,000 costs what page 1
 * costs.
 */
export class PgAgreementListRepository extends AgreementListRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async page(
    query: AgreementListQuery,
    first: number,
    after: ListPosition | null,
  ): Promise<ListedAgreement[]> {
    // Two steps: the page's ids from the covering index alone (every filter column is in
    // it, so a filter that matches little scans index tuples, never the heap), then those
    // rows by primary key. Migration 0005 explains the index.
    const ids = this.scoped(query, 's')
      .select('s.id')
      .orderBy('s.createdAt', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(first);
    if (after) {
      ids.andWhere('(s.created_at, s.id) < (CAST(:afterAt AS timestamptz), :afterId)', {
        afterAt: after.createdAt,
        afterId: after.id,
      });
    }
    const builder = this.dataSource
      .getRepository(AgreementOrmEntity)
      .createQueryBuilder('a')
      .addSelect(`to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'position_at')
      .where(`a.id IN (${ids.getQuery()})`)
      .setParameters(ids.getParameters())
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'DESC');
    const { entities, raw } = await builder.getRawAndEntities<{ position_at: string }>();
    const anchors = await loadAnchorColumns(this.dataSource, entities);
    return entities.map((row, index) => ({
      record: toAgreementRecord(row, anchors.get(row.id) ?? null),
      position: { createdAt: raw[index].position_at, id: row.id },
    }));
  }

  count(query: AgreementListQuery): Promise<number> {
    return this.scoped(query, 'a').getCount();
  }

  private scoped(query: AgreementListQuery, a: string): SelectQueryBuilder<AgreementOrmEntity> {
    const { scope, filter } = query;
    const builder = this.dataSource.getRepository(AgreementOrmEntity).createQueryBuilder(a);
    if ('organizationId' in scope) {
      builder.where(`${a}.organization_ids @> ARRAY[CAST(:scopeOrg AS uuid)]`, {
        scopeOrg: scope.organizationId,
      });
    } else {
      builder.where(`${a}.jurisdictions && CAST(:scopeJurisdictions AS text[])`, {
        scopeJurisdictions: scope.jurisdictions,
      });
    }
    if (filter.jurisdiction !== undefined)
      builder.andWhere(`${a}.jurisdictions @> ARRAY[CAST(:jurisdiction AS text)]`, {
        jurisdiction: filter.jurisdiction,
      });
    if (filter.organizationId !== undefined)
      builder.andWhere(`${a}.organization_ids @> ARRAY[CAST(:organizationId AS uuid)]`, {
        organizationId: filter.organizationId,
      });
    if (filter.type !== undefined) builder.andWhere(`${a}.type = :type`, { type: filter.type });
    if (filter.status !== undefined) {
      // The index holds the lifecycle status: an exact match for most statuses, and for an
      // anchoring step the candidates whose row then says which step.
      builder.andWhere(`${a}.lifecycle_status = :lifecycleStatus`, {
        lifecycleStatus: lifecycleStatusOf(filter.status),
      });
      if (isAnchoringStep(filter.status))
        builder.andWhere(`${a}.status = :status`, { status: filter.status });
    }
    if (filter.parentId !== undefined)
      builder.andWhere(`${a}.parent_id = :parentId`, { parentId: filter.parentId });
    if (filter.createdFrom)
      builder.andWhere(`${a}.created_at >= :createdFrom`, { createdFrom: filter.createdFrom });
    if (filter.createdTo) builder.andWhere(`${a}.created_at < :createdTo`, { createdTo: filter.createdTo });
    if (filter.effectiveFrom)
      builder.andWhere(`${a}.effective_at >= :effectiveFrom`, { effectiveFrom: filter.effectiveFrom });
    if (filter.effectiveTo)
      builder.andWhere(`${a}.effective_at < :effectiveTo`, { effectiveTo: filter.effectiveTo });
    return builder;
  }
}
