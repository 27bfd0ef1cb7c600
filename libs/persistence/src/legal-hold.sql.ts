import type { Caller, DestructionRequest, LegalHoldRecord } from '@signet/domain';
import type { Sql } from './sql';

export const HOLD_COLUMNS = `id, agreement_id, placed_by, placed_by_role, reason, placed_at, lifted_by, lift_reason, lifted_at`;

export interface HoldRow {
  id: string;
  agreement_id: string;
  placed_by: string;
  placed_by_role: string;
  reason: string;
  placed_at: Date;
  lifted_by: string | null;
  lift_reason: string | null;
  lifted_at: Date | null;
}

export function holdFrom(row: HoldRow): LegalHoldRecord {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    placedBy: row.placed_by,
    placedByRole: row.placed_by_role,
    reason: row.reason,
    placedAt: row.placed_at,
    liftedBy: row.lifted_by,
    liftReason: row.lift_reason,
    liftedAt: row.lifted_at,
  };
}

async function audit(
  sql: Sql,
  action: string,
  caller: Caller,
  agreementId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await sql.run(
    `insert into audit_events (action, actor_id, actor_role, agreement_id, purpose, detail)
     values ($1, $2, $3, $4, $5, $6::jsonb)`,
    [action, caller.credentialId, caller.role, agreementId, detail.reason ?? null, JSON.stringify(detail)],
  );
}

/**
 * A hold and the retention job's claim meet on the agreement's retention row: the job
 * moves only rows that are SCHEDULED and not held, and the hold only a SCHEDULED row, so
 * whichever commits first wins and the other sees it.
 */
export async function placeHold(
  sql: Sql,
  agreementId: string,
  caller: Caller,
  reason: string,
): Promise<LegalHoldRecord | 'gone'> {
  const held = await sql.run(
    `update agreement_retention set held = true, updated_at = now() where agreement_id = $1 and state = 'SCHEDULED'`,
    [agreementId],
  );
  if (held === 0) return 'gone';
  const row = await sql.one<HoldRow>(
    `insert into legal_holds (agreement_id, placed_by, placed_by_role, reason) values ($1, $2, $3, $4)
     returning ${HOLD_COLUMNS}`,
    [agreementId, caller.credentialId, caller.role, reason],
  );
  await sql.run('update agreements set legal_hold = true where id = $1', [agreementId]);
  await audit(sql, 'agreement.hold.place', caller, agreementId, { holdId: row!.id, reason });
  return holdFrom(row!);
}

/** A holder lifts its own holds; a court, every hold. The row stays held while any remains. */
export async function liftHolds(
  sql: Sql,
  agreementId: string,
  caller: Caller,
  reason: string,
): Promise<LegalHoldRecord[]> {
  await sql.run('select 1 from agreement_retention where agreement_id = $1 for update', [agreementId]);
  const lifted = await sql.rows<HoldRow>(
    `update legal_holds set lifted_by = $2, lift_reason = $3, lifted_at = now()
     where agreement_id = $1 and lifted_at is null and ($4 or placed_by = $2)
     returning ${HOLD_COLUMNS}`,
    [agreementId, caller.credentialId, reason, caller.role === 'court'],
  );
  if (lifted.length === 0) return [];
  const still = `exists (select 1 from legal_holds h where h.agreement_id = $1 and h.lifted_at is null)`;
  await sql.run(
    `update agreement_retention set held = ${still}, updated_at = now() where agreement_id = $1`,
    [agreementId],
  );
  await sql.run(`update agreements set legal_hold = ${still} where id = $1`, [agreementId]);
  for (const hold of lifted) {
    await audit(sql, 'agreement.hold.lift', caller, agreementId, { holdId: hold.id, reason });
  }
  return lifted.map(holdFrom);
}

/** Every party asked: the schedule becomes now, unless a hold stands or the job already has it. */
export async function requestDestruction(
  sql: Sql,
  { agreementId, signatures, caller, now }: DestructionRequest,
): Promise<'accepted' | 'held' | 'gone'> {
  const row = await sql.one<{ state: string; held: boolean }>(
    'select state, held from agreement_retention where agreement_id = $1 for update',
    [agreementId],
  );
  if (!row || row.state !== 'SCHEDULED') return 'gone';
  if (row.held) return 'held';
  await sql.run(
    `update agreement_retention set destroy_at = $2, rule = 'destruction-request', reason = 'destruction-request',
       request = $3::jsonb, updated_at = now() where agreement_id = $1`,
    [agreementId, now, JSON.stringify({ signatures, at: now.toISOString() })],
  );
  await audit(sql, 'agreement.destruction.request', caller, agreementId, { signatures: signatures.length });
  return 'accepted';
}
