import type { DataSource } from 'typeorm';
import {
  auditAgreementTag,
  auditFieldsHash,
  AuditTrailRepository,
  type ServedLink,
  type StoredAuditEvent,
  type StoredCheckpoint,
} from '@signet/domain';
import { EVENT_COLUMNS, fieldsOf, type AuditEventRow } from './audit-rows';
import { withSql } from './sql';

/** AuditTrailRepository on PostgreSQL. */
export class PgAuditTrailRepository extends AuditTrailRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async eventsOf(agreementId: string): Promise<StoredAuditEvent[]> {
    const rows = await withSql(this.dataSource, (sql) =>
      sql.rows<AuditEventRow>(
        `select ${EVENT_COLUMNS} from audit_events e where e.agreement_id = $1 order by e.seq nulls last, e.id`,
        [agreementId],
      ),
    );
    return rows.map(stored);
  }

  async links(fromSeq: number, limit: number, reveal: string): Promise<ServedLink[]> {
    const rows = await withSql(this.dataSource, (sql) =>
      sql.rows<AuditEventRow>(
        `select ${EVENT_COLUMNS} from audit_events e where e.seq >= $1 and e.seq < $2 order by e.seq`,
        [fromSeq, fromSeq + limit],
      ),
    );
    return rows.map((row) => {
      const event = stored(row);
      const seq = Number(row.seq);
      return {
        seq,
        prevHash: row.prev_hash ?? '',
        hash: row.hash ?? '',
        agreementTag: auditAgreementTag(row.agreement_id),
        fieldsHash: auditFieldsHash({ ...event.fields, seq }),
        event: row.agreement_id === reveal ? event : null,
      };
    });
  }

  async head(): Promise<{ seq: number; hash: string } | null> {
    const row = await withSql(this.dataSource, (sql) =>
      sql.one<{ seq: string; hash: string }>(
        'select a.seq::text as seq, a.hash from audit_events a where a.seq is not null order by a.seq desc limit 1',
      ),
    );
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }

  async minedCheckpoints(): Promise<StoredCheckpoint[]> {
    const rows = await withSql(this.dataSource, (sql) =>
      sql.rows<{ seq: string; head: string; tx_hash: string | null; block_number: string | null }>(
        `select cp.seq::text as seq, cp.head, ct.mined_tx_hash as tx_hash, ct.block_number::text as block_number
         from audit_checkpoints cp join chain_transactions ct on ct.id = cp.chain_tx_id
         where ct.status in ('mined', 'final') and ct.mined_tx_hash is not null order by cp.seq desc`,
      ),
    );
    return rows.map((row) => ({
      sequence: Number(row.seq),
      head: row.head,
      txHash: row.tx_hash,
      blockNumber: row.block_number === null ? null : Number(row.block_number),
    }));
  }
}

function stored(row: AuditEventRow): StoredAuditEvent {
  const seq = row.seq === null ? null : Number(row.seq);
  return { fields: { ...fieldsOf(row, seq ?? 0), seq }, prevHash: row.prev_hash, hash: row.hash };
}
