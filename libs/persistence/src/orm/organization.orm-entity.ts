import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from './columns';

@Entity('organizations')
export class OrganizationOrmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) name!: string;
  @Column({ type: 'varchar', length: 16 }) jurisdiction!: string;
  @Column({ ...TIMESTAMP, name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
