import type { FindingRecord, NewFinding } from '@signet/domain';
import { insertFinding } from './finding-insert';
import type { Sql } from './sql';

/**
 * Findings about the service itself (SYSTEM_FEATURES: a deep reorg), written by the anchor
 * worker in the transaction that acts on what it found, so the finding exists exactly when
 * the action does. No credential, organisation or jurisdiction: only the operator sees them.
 */
export class ServiceFindingsRepository {
  record(sql: Sql, finding: NewFinding): Promise<FindingRecord> {
    return insertFinding(
      (text, params) => sql.rows(text, params),
      { credentialId: null, organizationId: null, jurisdictions: [] },
      finding,
    );
  }
}
