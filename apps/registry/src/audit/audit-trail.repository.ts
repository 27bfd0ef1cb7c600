import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { auditAgreementTag, auditFieldsHash, type AuditFields, type AuditLink } from '@signet/domain';

/** An event's fields; seq is null while it waits for the sequencer. */
export type StoredFields = Omit<AuditFields, 'seq'> & { seq: number | null };
import { withSql } from '@signet/persistence';
import { EVENT_COLUMNS, fieldsOf, type AuditEventRow } from './audit-rows';

/** One stored event: its fields (seq null while it waits for the sequencer) and its link. */
export interface StoredAuditEvent {
  fields: StoredFields;
  prevHash: string | null;
  hash: string | null;
}

/** A link of the chain, with the event's fields only when the reader may see them. */
export interface ServedLink extends AuditLink {
  event: StoredAuditEvent | null;
}

export interface StoredCheckpoint {
  sequence: number;
  head: string;
  txHash: string | null;
  blockNumber: number | null;
}

/** Reads of the access trail. Every agreement-scoped read is checked by the use case first. */
@Injectable()
export class AuditTrailRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The agreement's events, in chain order, the not yet sequenced last. */
  async eventsOf(agreementId: string): Promise<StoredAuditEvent[]> {
    const rows = await withSql(this.dataSource, (sql) =>
      sql.rows<AuditEventRow>(
        `select ${EVENT_COLUMNS} from audit_events e where e.agreement_id = $1 order by e.seq nulls last, e.id`,
        [agreementId],
      ),
    );
    return rows.map(stored);
  }

  /**
   * Links `fromSeq … fromSeq + limit - 1`. The fields hash is computed from the row as
   * stored now, so an edited row no longer recomputes to its stored hash; only the
   * `reveal` agreement's events carry their fields.
   */
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

  /** Checkpoints whose transaction is mined, newest first (what Signet believes is on chain). */
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
