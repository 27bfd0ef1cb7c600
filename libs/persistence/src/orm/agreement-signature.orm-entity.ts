import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HEX32, TIMESTAMP } from './columns';

/** A signature over an agreement id: a party's, a ratifying principal's, or a termination's. */
@Entity('agreement_signatures')
export class AgreementSignatureOrmEntity {
  @PrimaryColumn({ ...HEX32, name: 'agreement_id' }) agreementId!: string;
  @PrimaryColumn({ type: 'varchar', length: 16 }) kind!: string;
  @PrimaryColumn({ ...HEX32, name: 'credential_id' }) credentialId!: string;
  @Column({ ...HEX32, name: 'signing_key' }) signingKey!: string;
  @Column({ type: 'char', length: 130 }) signature!: string;
  @Column({ ...TIMESTAMP, name: 'signed_at', default: () => 'now()' }) signedAt!: Date;
}
