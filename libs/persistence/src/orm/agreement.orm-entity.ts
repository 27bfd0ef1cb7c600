import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PolicyDecision } from '@signet/domain';
import { LIFECYCLE_STATUS_SQL } from './lifecycle-status';
import { AMOUNT_NULLABLE, HEX32, HEX32_NULLABLE, TIMESTAMP, TIMESTAMP_NULLABLE } from './columns';

/**
 * The index row of an agreement. The chain is the source of truth; this row is what
 * lets the service find, scope and page agreements quickly.
 */
@Entity('agreements')
@Index('agreements_depositor_idempotency', ['depositorId', 'idempotencyKey'], { unique: true })
// With INCLUDE columns for index-only list pages; created by migration 0005 (TypeORM cannot say INCLUDE).
@Index('agreements_page_covering', { synchronize: false })
export class AgreementOrmEntity {
  @PrimaryColumn(HEX32) id!: string;
  /** Not indexed: the anchoring steps change it, and an update of no indexed column is HOT (see 0008). */
  @Column({ type: 'varchar', length: 24 }) status!: string;
  /**
   * What the indexes hold instead of `status`: the anchoring steps (PENDING_ANCHOR, ANCHORED,
   * FINAL) are one value, RECORDED, so anchoring never changes an indexed column.
   */
  @Column({
    type: 'varchar',
    length: 24,
    name: 'lifecycle_status',
    generatedType: 'STORED',
    asExpression: LIFECYCLE_STATUS_SQL,
    insert: false,
    update: false,
  })
  lifecycleStatus!: string;
  @Index() @Column({ type: 'text' }) type!: string;
  @Index('agreements_jurisdictions_gin', { synchronize: false })
  @Column({ type: 'text', array: true })
  jurisdictions!: string[];
  @Column({ type: 'text', array: true }) parties!: string[];
  @Index('agreements_organizations_gin', { synchronize: false })
  @Column({ type: 'uuid', array: true, name: 'organization_ids' })
  organizationIds!: string[];
  @Index() @Column({ ...HEX32_NULLABLE, name: 'parent_id' }) parentId!: string | null;
  @Column({ ...HEX32_NULLABLE, name: 'supersedes_id' }) supersedesId!: string | null;
  @Column({ ...HEX32_NULLABLE, name: 'superseded_by_id' }) supersededById!: string | null;
  @Column({ ...TIMESTAMP, name: 'effective_at' }) effectiveAt!: Date;
  @Column({ ...TIMESTAMP, name: 'expires_at' }) expiresAt!: Date;
  @Column(AMOUNT_NULLABLE) value!: string | null;
  @Column({ type: 'varchar', length: 3, nullable: true }) currency!: string | null;
  /** Canonical (RFC 8785) metadata JSON exactly as hashed. */
  @Column({ type: 'text' }) metadata!: string;
  @Column({ ...HEX32, name: 'metadata_hash' }) metadataHash!: string;
  @Column(HEX32) commitment!: string;
  @Column({ ...HEX32, name: 'sealed_digest' }) sealedDigest!: string;
  @Column({ type: 'integer', name: 'sealed_size' }) sealedSize!: number;
  @Column(HEX32) nonce!: string;
  @Column({ ...HEX32, name: 'signatures_hash' }) signaturesHash!: string;
  @Column({ ...HEX32, name: 'record_hash' }) recordHash!: string;
  @Column({ ...HEX32, name: 'depositor_id' }) depositorId!: string;
  @Column({ type: 'varchar', length: 128, name: 'idempotency_key' }) idempotencyKey!: string;
  /** Hash of the deposit request, so a reused idempotency key with a different body is refused. */
  @Column({ ...HEX32, name: 'request_hash' }) requestHash!: string;
  @Column({ type: 'boolean', name: 'legal_hold', default: false }) legalHold!: boolean;
  /** The policy packs' decision at deposit (outcome, pack hashes, rules, reasons); null before packs existed. */
  @Column({ type: 'jsonb', name: 'policy_decision', nullable: true }) policyDecision!: PolicyDecision | null;
  @Column({ ...TIMESTAMP, name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ ...TIMESTAMP, name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  /** The batch transaction that recorded it (set when mined); its proof is in batch_leaves. */
  @Column({ type: 'bigint', name: 'anchor_tx_id', nullable: true })
  anchorTxId!: string | null;
  @Column({ type: 'integer', name: 'log_index', nullable: true }) logIndex!: number | null;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'anchored_at' }) anchoredAt!: Date | null;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'finalized_at' }) finalizedAt!: Date | null;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'shredded_at' }) shreddedAt!: Date | null;
}
