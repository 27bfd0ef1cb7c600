import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from './columns';

/**
 * Work for the chain writer, written in the same transaction as the change it anchors,
 * so an acknowledged change is never lost. `chainTxId` is set once the entry is in a
 * signed transaction; from then on that transaction (and its replacements, which share
 * its nonce) is the only way the entry reaches the chain.
 */
@Entity('outbox')
@Index('outbox_pending', ['id'], { where: 'chain_tx_id IS NULL' })
export class OutboxEntryOrmEntity {
  /** bigint, read as a string by pg. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ type: 'char', length: 66, name: 'subject_id' }) subjectId!: string;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ ...TIMESTAMP, name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'bigint', name: 'chain_tx_id', nullable: true }) chainTxId!: string | null;
}
