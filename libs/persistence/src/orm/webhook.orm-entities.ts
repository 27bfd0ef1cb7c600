import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { HEX32, HEX32_NULLABLE, TIMESTAMP, TIMESTAMP_NULLABLE } from './columns';

/** A subscriber endpoint: an organisation's (shared by its principals and agents) or one regulator's. */
@Entity('webhook_subscriptions')
export class WebhookSubscriptionOrmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 16, name: 'scope_kind' }) scopeKind!: 'organization' | 'regulator';
  @Index() @Column({ type: 'uuid', name: 'organization_id', nullable: true }) organizationId!: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) jurisdictions!: string[];
  @Index() @Column({ ...HEX32, name: 'created_by' }) createdBy!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', array: true }) events!: string[];
  @Column({ type: 'text' }) secret!: string;
  @Column({ type: 'text', name: 'previous_secret', nullable: true }) previousSecret!: string | null;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'previous_secret_until' }) previousSecretUntil!: Date | null;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'failing_since' }) failingSince!: Date | null;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'disabled_at' }) disabledAt!: Date | null;
  @Column({ type: 'text', name: 'disabled_reason', nullable: true }) disabledReason!: string | null;
  @Column({ ...TIMESTAMP, name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}

/**
 * What happened, written by triggers on agreement_status_changes and audit_events, so an
 * event commits in the same transaction as the state change that causes it, whichever code
 * path made the change. The worker fans each out to the subscriptions in scope, once.
 */
@Entity('webhook_events')
@Index('webhook_events_pending', ['id'], { where: 'fanned_out = false' })
export class WebhookEventOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  /** `status` (an agreement's status change) or `audit` (a logged access or revocation). */
  @Column({ type: 'varchar', length: 16 }) source!: string;
  /** The new status, or the audit action. */
  @Column({ type: 'varchar', length: 48 }) kind!: string;
  @Column({ ...HEX32_NULLABLE, name: 'agreement_id' }) agreementId!: string | null;
  @Column({ type: 'text', name: 'subject_id', nullable: true }) subjectId!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data!: Record<string, unknown>;
  @Column({ type: 'boolean', name: 'fanned_out', default: false }) fannedOut!: boolean;
  @Column({ ...TIMESTAMP, default: () => 'now()' }) at!: Date;
}

/** One event for one subscription: the outbox row delivery works from, and its log. */
@Entity('webhook_deliveries')
@Unique('webhook_deliveries_once', ['subscriptionId', 'eventId'])
@Index('webhook_deliveries_due', ['nextAttemptAt'], { where: "status = 'PENDING'" })
export class WebhookDeliveryOrmEntity {
  /** The `webhook-id` header: the same on every retry, so subscribers deduplicate on it. */
  @PrimaryColumn({ type: 'varchar', length: 40 }) id!: string;
  @Index() @Column({ type: 'uuid', name: 'subscription_id' }) subscriptionId!: string;
  @Column({ type: 'bigint', name: 'event_id' }) eventId!: string;
  @Column({ type: 'varchar', length: 48 }) type!: string;
  /** The exact body, so that every attempt signs the same bytes. */
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 16 }) status!: 'PENDING' | 'DELIVERED' | 'FAILED';
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ ...TIMESTAMP, name: 'next_attempt_at', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ type: 'integer', name: 'last_status', nullable: true }) lastStatus!: number | null;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
  @Column({ ...TIMESTAMP, name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'delivered_at' }) deliveredAt!: Date | null;
}
