import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { HEX32, HEX32_NULLABLE, TIMESTAMP } from './columns';

@Entity('agreement_status_changes')
export class AgreementStatusChangeOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Index() @Column({ ...HEX32, name: 'agreement_id' }) agreementId!: string;
  @Column({ type: 'varchar', length: 24 }) status!: string;
  @Column({ ...HEX32_NULLABLE, name: 'actor_id' }) actorId!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ ...TIMESTAMP, default: () => 'now()' }) at!: Date;
}
