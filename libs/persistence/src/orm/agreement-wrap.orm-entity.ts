import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HEX32, HEX32_NULLABLE, TIMESTAMP } from './columns';

/** The data key sealed to one recipient's box key. Deleted at crypto-shredding. */
@Entity('agreement_wraps')
export class AgreementWrapOrmEntity {
  @PrimaryColumn({ ...HEX32, name: 'agreement_id' }) agreementId!: string;
  @PrimaryColumn({ ...HEX32, name: 'key_id' }) keyId!: string;
  @Column({ ...HEX32_NULLABLE, name: 'credential_id' }) credentialId!: string | null;
  @Column({ type: 'text' }) box!: string;
  @Column({ ...TIMESTAMP, name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
