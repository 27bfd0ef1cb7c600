import { IsNull, LessThanOrEqual, type DataSource } from 'typeorm';
import { BatchTimestampStore, type BatchTimestampRecord, type DueTimestamp } from '@signet/domain';
import { BatchTimestampOrmEntity } from './orm/batch-timestamp.orm-entity';

/** BatchTimestampStore on PostgreSQL through TypeORM. */
export class TypeormBatchTimestampStore extends BatchTimestampStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private get rows() {
    return this.dataSource.getRepository(BatchTimestampOrmEntity);
  }

  async due(limit: number): Promise<DueTimestamp[]> {
    const rows = await this.rows.find({
      select: { batchRoot: true, attempts: true },
      where: { token: IsNull(), nextAttemptAt: LessThanOrEqual(new Date()) },
      order: { nextAttemptAt: 'ASC' },
      take: limit,
    });
    return rows.map((row) => ({ batchRoot: row.batchRoot, attempts: row.attempts }));
  }

  async saveToken(record: BatchTimestampRecord): Promise<void> {
    await this.rows.update(
      { batchRoot: record.batchRoot, token: IsNull() },
      { token: record.token, certificates: record.certificates, genTime: record.genTime, lastError: null },
    );
  }

  async saveFailure(batchRoot: string, reason: string, retryAt: Date): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ attempts: () => 'attempts + 1', lastError: reason, nextAttemptAt: retryAt })
      .where('batch_root = :batchRoot and token is null', { batchRoot })
      .execute();
  }

  async tokenFor(batchRoot: string): Promise<BatchTimestampRecord | null> {
    const row = await this.rows.findOneBy({ batchRoot });
    if (row?.token == null || row.genTime === null) return null;
    return { batchRoot, token: row.token, certificates: row.certificates, genTime: row.genTime };
  }
}
