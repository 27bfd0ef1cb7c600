import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { HEX32, HEX32_NULLABLE, TIMESTAMP, TIMESTAMP_NULLABLE } from './columns';

/**
 * An agreement's retention schedule and what the job did with it (docs/RETENTION.md).
 * `state` moves SCHEDULED → SHREDDING (the job committed to shred) → SHREDDED; `held`
 * mirrors its active legal holds, on this row so that a hold and the job's claim meet on
 * one row lock.
 */
@Entity('agreement_retention')
@Index('agreement_retention_due', ['destroyAt'], { where: `state = 'SCHEDULED' AND NOT held` })
// The job reads back what it claimed after every claim (migration 0015).
@Index('agreement_retention_shredding', ['agreementId'], { where: `state = 'SHREDDING'` })
export class AgreementRetentionOrmEntity {
  @PrimaryColumn({ ...HEX32, name: 'agreement_id' }) agreementId!: string;
  @Column({ ...TIMESTAMP, name: 'destroy_at' }) destroyAt!: Date;
  @Column({ ...TIMESTAMP, name: 'minimum_until' }) minimumUntil!: Date;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'maximum_until' }) maximumUntil!: Date | null;
  @Column({ ...TIMESTAMP, name: 'ends_at' }) endsAt!: Date;
  @Column({ type: 'varchar', length: 16, name: 'end_kind' }) endKind!: string;
  @Column({ type: 'text' }) rule!: string;
  @Column({ type: 'varchar', length: 16, default: 'SCHEDULED' }) state!: string;
  @Column({ type: 'boolean', default: false }) held!: boolean;
  @Column({ type: 'varchar', length: 80, name: 'key_id', nullable: true }) keyId!: string | null;
  @Column({ type: 'varchar', length: 80, name: 'pending_key_id', nullable: true }) pendingKeyId!:
    string | null;
  /** `schedule`, or `destruction-request` once every party asked for early destruction. */
  @Column({ type: 'varchar', length: 24, default: 'schedule' }) reason!: string;
  @Column({ type: 'jsonb', nullable: true }) request!: Record<string, unknown> | null;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'shredded_at' }) shreddedAt!: Date | null;
  @Column({ type: 'jsonb', name: 'shred_evidence', nullable: true }) shredEvidence!: Record<
    string,
    unknown
  > | null;
  @Column({ ...HEX32_NULLABLE, name: 'shred_detail' }) shredDetail!: string | null;
  @Column({ ...TIMESTAMP, name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

/** A legal hold: placed by a court or a regulator of the agreement's jurisdiction, lifted by its holder (or a court). */
@Entity('legal_holds')
export class LegalHoldOrmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ ...HEX32, name: 'agreement_id' }) agreementId!: string;
  @Column({ ...HEX32, name: 'placed_by' }) placedBy!: string;
  @Column({ type: 'varchar', length: 16, name: 'placed_by_role' }) placedByRole!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ ...TIMESTAMP, name: 'placed_at', default: () => 'now()' }) placedAt!: Date;
  @Column({ ...HEX32_NULLABLE, name: 'lifted_by' }) liftedBy!: string | null;
  @Column({ type: 'text', name: 'lift_reason', nullable: true }) liftReason!: string | null;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'lifted_at' }) liftedAt!: Date | null;
}
