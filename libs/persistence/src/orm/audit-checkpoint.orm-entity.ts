import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIG_NUMBER, HEX32, TIMESTAMP } from './columns';

@Entity('audit_checkpoints')
export class AuditCheckpointOrmEntity {
  @PrimaryColumn({ type: 'bigint', transformer: BIG_NUMBER }) seq!: number;
  @Column(HEX32) head!: string;
  @Column({ type: 'bigint', name: 'chain_tx_id', nullable: true }) chainTxId!: string | null;
  @Column({ ...TIMESTAMP, name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
