import type { DataSource, EntityManager } from 'typeorm';
import {
  BehaviourStore,
  type BaselineUpdate,
  type BehaviourState,
  type CredentialReinstatement,
  type FindingFilter,
  type FindingRecord,
  type FindingScope,
  type MonitoredCredential,
} from '@signet/domain';
import { appendAudit } from './audit.writer';
import { insertFinding, toFinding, type FindingRow, type RowsQuery } from './finding-insert';

const CREDENTIALS_SQL = `SELECT c.id, c.role, c.organization_id AS "organizationId", o.jurisdiction AS home,
  c.jurisdictions, c.principal_id AS "principalId"
  FROM credentials c LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.id = ANY($1::bpchar[])`;

/** Where a credential's findings are seen by regulators: its home and its own jurisdictions. */
function jurisdictionsOf(credential: MonitoredCredential): string[] {
  return [...new Set([...(credential.home ? [credential.home] : []), ...credential.jurisdictions])];
}

/** BehaviourStore on PostgreSQL (tables of migration 0012). */
export class TypeormBehaviourStore extends BehaviourStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  credentials(ids: string[]): Promise<MonitoredCredential[]> {
    return this.dataSource.query<MonitoredCredential[]>(CREDENTIALS_SQL, [ids]);
  }

  async credential(id: string): Promise<MonitoredCredential | null> {
    return (await this.credentials([id]))[0] ?? null;
  }

  update(
    credential: MonitoredCredential,
    apply: (state: BehaviourState | null) => BaselineUpdate,
  ): Promise<FindingRecord[]> {
    return this.dataSource.transaction(async (manager) => {
      const state = await lockedState(manager, credential.id);
      const update = apply(state);
      await manager.query(
        'UPDATE behaviour_baselines SET state = $2, updated_at = now() WHERE credential_id = $1',
        [credential.id, JSON.stringify(update.state)],
      );
      const raised: FindingRecord[] = [];
      const subject = {
        credentialId: credential.id,
        organizationId: credential.organizationId,
        jurisdictions: jurisdictionsOf(credential),
      };
      const query: RowsQuery = (text, params) => manager.query(text, params);
      for (const finding of update.findings) raised.push(await insertFinding(query, subject, finding));
      if (update.escalateUntil) {
        await manager.query(
          `UPDATE credentials SET escalate_until = greatest(coalesce(escalate_until, $2), $2) WHERE id = $1`,
          [credential.id, update.escalateUntil],
        );
      }
      if (update.suspend) {
        const suspended = await manager.query<unknown[]>(
          'UPDATE credentials SET suspended_at = now() WHERE id = $1 AND suspended_at IS NULL RETURNING id',
          [credential.id],
        );
        if (suspended.length > 0) {
          await appendAudit(manager, {
            action: 'credential.suspend',
            actorId: null,
            actorRole: null,
            subjectId: credential.id,
            detail: { findings: raised.filter((f) => f.action === 'suspend').map((f) => f.id) },
          });
        }
      }
      return raised;
    });
  }

  async findings(
    scope: FindingScope,
    filter: FindingFilter,
    first: number,
    after: string | null,
  ): Promise<FindingRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if ('organizationId' in scope) add((p) => `organization_id = ${p}`, scope.organizationId);
    else if ('jurisdictions' in scope) add((p) => `jurisdictions && ${p}::text[]`, scope.jurisdictions);
    if (filter.credentialId) add((p) => `credential_id = ${p}`, filter.credentialId);
    if (filter.feature) add((p) => `feature = ${p}`, filter.feature);
    if (filter.severity) add((p) => `severity = ${p}`, filter.severity);
    if (filter.action) add((p) => `action = ${p}`, filter.action);
    if (filter.raisedFrom) add((p) => `raised_at >= ${p}`, filter.raisedFrom);
    if (filter.raisedTo) add((p) => `raised_at < ${p}`, filter.raisedTo);
    if (after !== null) add((p) => `id < ${p}::bigint`, after);
    params.push(first);
    const rows = await this.dataSource.query<FindingRow[]>(
      `SELECT * FROM behaviour_findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toFinding);
  }

  reinstate({
    credentialId,
    reason,
    actor,
  }: CredentialReinstatement): Promise<'suspended' | 'escalated' | null> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ suspended_at: Date | null; escalate_until: Date | null }>>(
        `UPDATE credentials c SET suspended_at = NULL, escalate_until = NULL
         FROM (SELECT id, suspended_at, escalate_until FROM credentials WHERE id = $1 FOR UPDATE) old
         WHERE c.id = old.id AND (old.suspended_at IS NOT NULL OR old.escalate_until > now())
         RETURNING old.suspended_at, old.escalate_until`,
        [credentialId],
      );
      if (rows.length === 0) return null;
      await appendAudit(manager, {
        action: 'credential.reinstate',
        actorId: actor.credentialId,
        actorRole: actor.role,
        subjectId: credentialId,
        purpose: reason,
        detail: {
          wasSuspended: rows[0].suspended_at !== null,
          escalationLifted: rows[0].escalate_until !== null,
        },
      });
      return rows[0].suspended_at !== null ? 'suspended' : 'escalated';
    });
  }
}

async function lockedState(manager: EntityManager, credentialId: string): Promise<BehaviourState | null> {
  type Row = { state: BehaviourState | Record<string, never> };
  const select = 'SELECT state FROM behaviour_baselines WHERE credential_id = $1 FOR UPDATE';
  let rows = await manager.query<Row[]>(select, [credentialId]);
  if (rows.length === 0) {
    await manager.query(
      `INSERT INTO behaviour_baselines (credential_id, state) VALUES ($1, '{}') ON CONFLICT DO NOTHING`,
      [credentialId],
    );
    rows = await manager.query<Row[]>(select, [credentialId]);
  }
  const state = rows[0]?.state;
  return state && 'version' in state ? (state as BehaviourState) : null;
}
