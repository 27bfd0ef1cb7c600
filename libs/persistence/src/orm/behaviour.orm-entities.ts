import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { HEX32, TIMESTAMP } from './columns';

/** A credential's behaviour baselines (libs/domain/src/monitoring), one JSON document, updated under its row lock. */
@Entity('behaviour_baselines')
export class BehaviourBaselineOrmEntity {
  @PrimaryColumn({ ...HEX32, name: 'credential_id' }) credentialId!: string;
  @Column({ type: 'jsonb' }) state!: Record<string, unknown>;
  @Column({ ...TIMESTAMP, name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

/**
 * A deviation from a baseline, with the baseline and thresholds it was judged by (so it can
 * be recomputed). Its `behaviour.finding` audit event puts it in the hash chain.
 */
@Entity('behaviour_findings')
export class BehaviourFindingOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Index() @Column({ ...HEX32, name: 'credential_id', nullable: true }) credentialId!: string | null;
  @Index() @Column({ type: 'uuid', name: 'organization_id', nullable: true }) organizationId!: string | null;
  /** The credential's home and own jurisdictions: whose regulators see the finding. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) jurisdictions!: string[];
  @Column({ type: 'varchar', length: 48 }) feature!: string;
  @Column({ type: 'text', nullable: true }) key!: string | null;
  @Column({ type: 'varchar', length: 16 }) severity!: string;
  @Column({ type: 'varchar', length: 16 }) action!: string;
  @Column({ type: 'double precision' }) observed!: number;
  @Column({ type: 'jsonb' }) baseline!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) threshold!: Record<string, unknown>;
  @Column({ type: 'text' }) message!: string;
  @Column({ ...TIMESTAMP, name: 'raised_at', default: () => 'now()' }) raisedAt!: Date;
}
