import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AMOUNT_NULLABLE, BIG_NUMBER, HEX32, HEX32_NULLABLE, TIMESTAMP, TIMESTAMP_NULLABLE } from './columns';

@Entity('credentials')
export class CredentialOrmEntity {
  @PrimaryColumn(HEX32) id!: string;
  @Column({ type: 'varchar', length: 16 }) role!: string;
  @Index() @Column({ type: 'uuid', name: 'organization_id', nullable: true }) organizationId!: string | null;
  @Column({ type: 'text', nullable: true }) label!: string | null;
  @Index({ unique: true }) @Column({ ...HEX32, name: 'signing_key' }) signingKey!: string;
  @Column({ ...HEX32, name: 'box_key' }) boxKey!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) jurisdictions!: string[];
  @Column({ ...HEX32_NULLABLE, name: 'principal_id' }) principalId!: string | null;
  @Column({ ...AMOUNT_NULLABLE, name: 'mandate_max_value' }) mandateMaxValue!: string | null;
  @Column({ type: 'varchar', length: 3, name: 'mandate_currency', nullable: true }) mandateCurrency!:
    string | null;
  @Column({ type: 'text', array: true, name: 'mandate_types', nullable: true }) mandateTypes!:
    string[] | null;
  /** The credential document exactly as the issuer signed it (canonical JSON). */
  @Column({ type: 'text' }) document!: string;
  @Column({ type: 'char', length: 130, name: 'issuer_signature' }) issuerSignature!: string;
  @Column({ ...TIMESTAMP, name: 'issued_at' }) issuedAt!: Date;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'expires_at' }) expiresAt!: Date | null;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'revoked_at' }) revokedAt!: Date | null;
  @Column({ type: 'text', name: 'revocation_reason', nullable: true }) revocationReason!: string | null;
  @Column({ ...HEX32_NULLABLE, name: 'issue_tx_hash' }) issueTxHash!: string | null;
  @Column({ type: 'bigint', name: 'issue_block', nullable: true, transformer: BIG_NUMBER }) issueBlock!:
    number | null;
  /** Behaviour monitoring: refused with CREDENTIAL_SUSPENDED until reinstated (docs/MONITORING.md). */
  @Column({ ...TIMESTAMP_NULLABLE, name: 'suspended_at' }) suspendedAt!: Date | null;
  /** Behaviour monitoring: deals with this party wait for a principal (ANOMALY) until then. */
  @Column({ ...TIMESTAMP_NULLABLE, name: 'escalate_until' }) escalateUntil!: Date | null;
  @Column({ ...HEX32_NULLABLE, name: 'revoke_tx_hash' }) revokeTxHash!: string | null;
  @Column({ type: 'bigint', name: 'revoke_block', nullable: true, transformer: BIG_NUMBER }) revokeBlock!:
    number | null;
}
