import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { HEX32, TIMESTAMP, TIMESTAMP_NULLABLE } from './columns';

/**
 * A recorded batch root and its RFC 3161 token (FORMATS.md §15), once obtained. The row is
 * written with the batch's `mined` transition (only with TSA_URL set); the timestamp worker
 * fills in the token, or counts a failure and sets when to try again. A root is recorded
 * once (the contract refuses a second), so it is the key.
 */
@Entity('batch_timestamps')
@Index('batch_timestamps_due', ['nextAttemptAt'], { where: 'token IS NULL' })
export class BatchTimestampOrmEntity {
  @PrimaryColumn({ ...HEX32, name: 'batch_root' }) batchRoot!: string;
  @Column({ type: 'bigint', name: 'chain_tx_id' }) chainTxId!: string;
  /** The DER TimeStampToken, base64. */
  @Column({ type: 'text', nullable: true }) token!: string | null;
  /** The TSA's certificates, base64 DER, signer first. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) certificates!: string[];
  @Column({ ...TIMESTAMP_NULLABLE, name: 'gen_time' }) genTime!: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
  @Column({ ...TIMESTAMP, name: 'next_attempt_at', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ ...TIMESTAMP, name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
