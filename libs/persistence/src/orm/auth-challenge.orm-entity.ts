import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HEX32, TIMESTAMP, TIMESTAMP_NULLABLE } from './columns';

/** A login challenge: single use, short-lived. */
@Entity('auth_challenges')
export class AuthChallengeOrmEntity {
  @PrimaryColumn(HEX32) nonce!: string;
  @Column({ ...HEX32, name: 'credential_id' }) credentialId!: string;
  @Column({ ...TIMESTAMP, name: 'expires_at' }) expiresAt!: Date;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'used_at' }) usedAt!: Date | null;
}
