import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed webhooks: subscriptions, the events (written by triggers in the transaction of
 * the state change that causes them, whichever code path makes it) and the deliveries
 * (the outbox the worker delivers from, and the log `webhookDeliveries` reads).
 */
export class Webhooks1795800000009 implements MigrationInterface {
  name = 'Webhooks1795800000009';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "scope_kind" character varying(16) NOT NULL, "organization_id" uuid, "jurisdictions" text array NOT NULL DEFAULT '{}', "created_by" character(66) NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "secret" text NOT NULL, "previous_secret" text, "previous_secret_until" TIMESTAMP WITH TIME ZONE, "failing_since" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "disabled_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9428849927949b5f0d697cac65" ON "webhook_subscriptions"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_14b3f82f583acc3d608ed70c37" ON "webhook_subscriptions"  ("created_by") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_events" ("id" BIGSERIAL NOT NULL, "source" character varying(16) NOT NULL, "kind" character varying(48) NOT NULL, "agreement_id" character(66), "subject_id" text, "data" jsonb NOT NULL DEFAULT '{}', "fanned_out" boolean NOT NULL DEFAULT false, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_events_pending" ON "webhook_events"  ("id") WHERE fanned_out = false`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" character varying(40) NOT NULL, "subscription_id" uuid NOT NULL, "event_id" bigint NOT NULL, "type" character varying(48) NOT NULL, "body" text NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_status" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "webhook_deliveries_once" UNIQUE ("subscription_id", "event_id"), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_23eb2b6ae801c52cfb79a556b8" ON "webhook_deliveries"  ("subscription_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries"  ("next_attempt_at") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(`CREATE FUNCTION signet_webhook_status_event() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO webhook_events (source, kind, agreement_id, data)
            VALUES ('status', NEW.status, NEW.agreement_id, jsonb_build_object('status', NEW.status, 'reason', NEW.reason, 'at', NEW.at));
            RETURN NEW;
          END $$`);
    await queryRunner.query(`CREATE TRIGGER webhook_status_event AFTER INSERT ON agreement_status_changes
          FOR EACH ROW EXECUTE FUNCTION signet_webhook_status_event()`);
    await queryRunner.query(`CREATE FUNCTION signet_webhook_audit_event() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO webhook_events (source, kind, agreement_id, subject_id, data)
            VALUES ('audit', NEW.action, NEW.agreement_id, NEW.subject_id, jsonb_build_object(
              'actorId', NEW.actor_id, 'actorRole', NEW.actor_role, 'purpose', NEW.purpose, 'at', NEW.at));
            RETURN NEW;
          END $$`);
    await queryRunner.query(`CREATE TRIGGER webhook_audit_event AFTER INSERT ON audit_events
          FOR EACH ROW WHEN (NEW.action IN ('sealed.open', 'credential.revoke'))
          EXECUTE FUNCTION signet_webhook_audit_event()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER webhook_audit_event ON audit_events`);
    await queryRunner.query(`DROP FUNCTION signet_webhook_audit_event()`);
    await queryRunner.query(`DROP TRIGGER webhook_status_event ON agreement_status_changes`);
    await queryRunner.query(`DROP FUNCTION signet_webhook_status_event()`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_23eb2b6ae801c52cfb79a556b8"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_events_pending"`);
    await queryRunner.query(`DROP TABLE "webhook_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_14b3f82f583acc3d608ed70c37"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9428849927949b5f0d697cac65"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
  }
}
