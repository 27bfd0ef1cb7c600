import type { DataSource, QueryResult, QueryRunner } from 'typeorm';

/** Plain SQL on one query runner: the trail's statements are set-based and read better as SQL. */
export class AuditSql {
  constructor(private readonly runner: QueryRunner) {}

  async rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
    const result = (await this.runner.query(text, params, true)) as QueryResult<T>;
    return result.records ?? [];
  }

  async one<T>(text: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.rows<T>(text, params))[0];
  }
}

/** Runs `work` in one transaction on its own connection; rolls back on any error. */
export async function auditTransaction<T>(
  dataSource: DataSource,
  work: (sql: AuditSql) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    const result = await work(new AuditSql(runner));
    await runner.commitTransaction();
    return result;
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** Reads on one pooled connection, each statement on its own. */
export async function auditRead<T>(dataSource: DataSource, work: (sql: AuditSql) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    return await work(new AuditSql(runner));
  } finally {
    await runner.release();
  }
}
