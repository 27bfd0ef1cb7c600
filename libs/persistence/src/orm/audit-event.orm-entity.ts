import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BIG_NUMBER, HEX32_NULLABLE, TIMESTAMP } from './columns';

/**
 * The access trail. Writers append rows without a place in the chain (so deposits do not
 * queue on one lock); the sequencer then gives each row, once, its `seq`, `prevHash` and
 * `hash`. A trigger refuses any other update and every delete, the hash chain shows an
 * edit made around it, and the head is checkpointed on chain.
 */
@Entity('audit_events')
export class AuditEventOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Index({ unique: true })
  @Column({ type: 'bigint', nullable: true, transformer: BIG_NUMBER })
  seq!: number | null;
  @Column({ ...TIMESTAMP, default: () => 'now()' }) at!: Date;
  @Column({ type: 'varchar', length: 48 }) action!: string;
  @Column({ ...HEX32_NULLABLE, name: 'actor_id' }) actorId!: string | null;
  @Column({ type: 'varchar', length: 16, name: 'actor_role', nullable: true }) actorRole!: string | null;
  @Index() @Column({ ...HEX32_NULLABLE, name: 'agreement_id' }) agreementId!: string | null;
  @Column({ type: 'text', name: 'subject_id', nullable: true }) subjectId!: string | null;
  @Column({ type: 'text', nullable: true }) purpose!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail!: Record<string, unknown>;
  @Column({ ...HEX32_NULLABLE, name: 'prev_hash' }) prevHash!: string | null;
  @Column(HEX32_NULLABLE) hash!: string | null;
}
