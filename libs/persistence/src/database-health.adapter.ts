import type { DataSource } from 'typeorm';
import { DatabaseHealth } from '@signet/domain';

/** DatabaseHealth on PostgreSQL. */
export class PgDatabaseHealth extends DatabaseHealth {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async ping(): Promise<void> {
    await this.dataSource.query('select 1');
  }

  async autovacuumSetting(): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ setting: string }>>(
      `select current_setting('autovacuum') as setting`,
    );
    return row.setting;
  }
}
