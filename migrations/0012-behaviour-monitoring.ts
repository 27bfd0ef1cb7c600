import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Behaviour monitoring (issue 22): baselines and findings per credential, a credential's
 * suspension and escalation, the webhook event of a finding, and the rate-limit windows
 * every API replica shares (an UNLOGGED table and the one function a request calls).
 */
export class BehaviourMonitoring1795800000012 implements MigrationInterface {
  name = 'BehaviourMonitoring1795800000012';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "behaviour_baselines" ("credential_id" character(66) NOT NULL, "state" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7480f309fbac8cf20acbcd84ce" PRIMARY KEY ("credential_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "behaviour_findings" ("id" BIGSERIAL NOT NULL, "credential_id" character(66) NOT NULL, "organization_id" uuid, "jurisdictions" text array NOT NULL DEFAULT '{}', "feature" character varying(48) NOT NULL, "key" text, "severity" character varying(16) NOT NULL, "action" character varying(16) NOT NULL, "observed" double precision NOT NULL, "baseline" jsonb NOT NULL, "threshold" jsonb NOT NULL, "message" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a788f02ff79d7eda3d3cefd1687" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7874a723551d6093fb6540a6c3" ON "behaviour_findings"  ("credential_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5e902217efdeef5b0544e49b90" ON "behaviour_findings"  ("organization_id") `,
    );
    await queryRunner.query(`ALTER TABLE "credentials" ADD "suspended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "credentials" ADD "escalate_until" TIMESTAMP WITH TIME ZONE`);
    // A finding is an audit event; its webhook event carries what the finding says.
    await queryRunner.query(`CREATE FUNCTION signet_webhook_finding_event() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            INSERT INTO webhook_events (source, kind, subject_id, data)
            VALUES ('audit', NEW.action, NEW.subject_id, NEW.detail || jsonb_build_object('at', NEW.at));
            RETURN NEW;
          END $$`);
    await queryRunner.query(`CREATE TRIGGER webhook_finding_event AFTER INSERT ON audit_events
          FOR EACH ROW WHEN (NEW.action = 'behaviour.finding')
          EXECUTE FUNCTION signet_webhook_finding_event()`);
    // Rate-limit windows: no ORM entity (only signet_rate_hit touches them); UNLOGGED, since
    // a budget forgotten in a crash is only a fresh budget.
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_windows" ("key" text PRIMARY KEY, "window_start" bigint NOT NULL, "current_hits" bigint NOT NULL, "previous_hits" bigint NOT NULL, "blocked_until" bigint NOT NULL)`,
    );
    await queryRunner.query(`CREATE FUNCTION signet_rate_hit(p_key text, p_weight bigint, p_ttl bigint, p_limit bigint, p_block bigint)
      RETURNS TABLE (total_hits bigint, time_to_expire bigint, is_blocked boolean, time_to_block_expire bigint)
      LANGUAGE plpgsql AS $$
      DECLARE
        now_ms bigint := floor(extract(epoch FROM clock_timestamp()) * 1000);
        start_ms bigint := now_ms - now_ms % p_ttl;
        w rate_windows%ROWTYPE;
        estimate bigint;
      BEGIN
        INSERT INTO rate_windows VALUES (p_key, start_ms, 0, 0, 0) ON CONFLICT (key) DO NOTHING;
        SELECT * INTO w FROM rate_windows WHERE key = p_key FOR UPDATE;
        IF w.window_start < start_ms THEN
          w.previous_hits := CASE WHEN w.window_start = start_ms - p_ttl THEN w.current_hits ELSE 0 END;
          w.current_hits := 0;
          w.window_start := start_ms;
        END IF;
        IF w.blocked_until > 0 AND w.blocked_until <= now_ms THEN
          -- The block is over: the count starts again, from this call.
          w.blocked_until := 0;
          w.current_hits := 0;
          w.previous_hits := 0;
        END IF;
        IF w.blocked_until = 0 THEN
          w.current_hits := w.current_hits + p_weight;
        END IF;
        estimate := w.current_hits + ceil(w.previous_hits * (p_ttl - (now_ms - start_ms))::numeric / p_ttl);
        IF w.blocked_until = 0 AND estimate > p_limit THEN
          w.blocked_until := now_ms + p_block;
        END IF;
        UPDATE rate_windows SET window_start = w.window_start, current_hits = w.current_hits,
          previous_hits = w.previous_hits, blocked_until = w.blocked_until WHERE key = p_key;
        RETURN QUERY SELECT estimate, ceil((start_ms + p_ttl - now_ms) / 1000.0)::bigint,
          w.blocked_until > now_ms, greatest(0, ceil((w.blocked_until - now_ms) / 1000.0))::bigint;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION signet_rate_hit(text, bigint, bigint, bigint, bigint)`);
    await queryRunner.query(`DROP TABLE "rate_windows"`);
    await queryRunner.query(`DROP TRIGGER webhook_finding_event ON audit_events`);
    await queryRunner.query(`DROP FUNCTION signet_webhook_finding_event()`);
    await queryRunner.query(`ALTER TABLE "credentials" DROP COLUMN "escalate_until"`);
    await queryRunner.query(`ALTER TABLE "credentials" DROP COLUMN "suspended_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5e902217efdeef5b0544e49b90"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7874a723551d6093fb6540a6c3"`);
    await queryRunner.query(`DROP TABLE "behaviour_findings"`);
    await queryRunner.query(`DROP TABLE "behaviour_baselines"`);
  }
}
