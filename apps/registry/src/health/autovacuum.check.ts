import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { DatabaseHealth } from '@signet/domain';
import { ROOT_LOGGER } from '../bootstrap/tokens';

/** The warning for a database that does not vacuum by itself, or none. */
export function autovacuumWarning(setting: string): string | undefined {
  if (setting === 'on') return undefined;
  return (
    'PostgreSQL autovacuum is off: the outbox and the audit events waiting for a sequence number ' +
    'keep an index entry for every row ever processed, and the anchor worker reads of them slow ' +
    'down with every deposit. Turn autovacuum on, or VACUUM those tables regularly (docs/PERFORMANCE.md).'
  );
}

/**
 * Signet's queue tables are rewritten at the deposit rate and rely on autovacuum; a
 * database with it switched off works, more slowly each hour. Said once, at start.
 */
@Injectable()
export class AutovacuumCheck implements OnApplicationBootstrap {
  constructor(
    @Inject(DatabaseHealth) private readonly database: DatabaseHealth,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const setting = await this.database.autovacuumSetting();
      const warning = autovacuumWarning(setting);
      if (warning) this.logger.warn({ autovacuum: setting }, warning);
    } catch (error) {
      this.logger.warn({ error }, 'could not read the database autovacuum setting');
    }
  }
}
