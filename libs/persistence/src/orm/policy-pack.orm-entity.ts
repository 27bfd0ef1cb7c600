import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { HEX32, TIMESTAMP } from './columns';

/** A published policy pack, under its content address; never updated. */
@Entity('policy_packs')
export class PolicyPackOrmEntity {
  @PrimaryColumn(HEX32) hash!: string;
  @Index() @Column({ type: 'varchar', length: 32 }) jurisdiction!: string;
  @Column({ type: 'varchar', length: 64 }) version!: string;
  /** The pack's files by name, exactly as hashed. */
  @Column({ type: 'jsonb' }) files!: Record<string, string>;
  @Column({ ...HEX32, name: 'published_by' }) publishedBy!: string;
  @Column({ ...TIMESTAMP, name: 'published_at', default: () => 'now()' }) publishedAt!: Date;
}

/**
 * Every activation, in order: the newest row of a jurisdiction is its pack in force. Its
 * id is the version deposits compare against their cached packs.
 */
@Entity('policy_activations')
@Index('policy_activations_jurisdiction_id', ['jurisdiction', 'id'])
export class PolicyActivationOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'varchar', length: 32 }) jurisdiction!: string;
  @Column({ ...HEX32, name: 'pack_hash' }) packHash!: string;
  @Column({ ...HEX32, name: 'activated_by' }) activatedBy!: string;
  @Column({ ...TIMESTAMP, name: 'activated_at', default: () => 'now()' }) activatedAt!: Date;
}
