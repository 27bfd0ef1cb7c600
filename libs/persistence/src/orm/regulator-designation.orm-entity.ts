import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HEX32, TIMESTAMP } from './columns';

@Entity('regulator_designations')
export class RegulatorDesignationOrmEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 }) jurisdiction!: string;
  @PrimaryColumn({ ...HEX32, name: 'credential_id' }) credentialId!: string;
  @Column({ ...TIMESTAMP, name: 'designated_at', default: () => 'now()' }) designatedAt!: Date;
}
