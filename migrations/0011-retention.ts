import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (issue 16): each agreement's schedule and shredding record, and legal holds
 * (docs/RETENTION.md). Agreements from before get their schedule at the job's first run.
 */
export class Retention1795800000011 implements MigrationInterface {
  name = 'Retention1795800000011';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agreement_retention" ("agreement_id" character(66) NOT NULL, "destroy_at" TIMESTAMP WITH TIME ZONE NOT NULL, "minimum_until" TIMESTAMP WITH TIME ZONE NOT NULL, "maximum_until" TIMESTAMP WITH TIME ZONE, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_kind" character varying(16) NOT NULL, "rule" text NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'SCHEDULED', "held" boolean NOT NULL DEFAULT false, "key_id" character varying(80), "pending_key_id" character varying(80), "reason" character varying(24) NOT NULL DEFAULT 'schedule', "request" jsonb, "shredded_at" TIMESTAMP WITH TIME ZONE, "shred_evidence" jsonb, "shred_detail" character(66), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3eac6c0649415382dbde7d410e3" PRIMARY KEY ("agreement_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_retention_due" ON "agreement_retention" ("destroy_at") WHERE state = 'SCHEDULED' AND NOT held`,
    );
    await queryRunner.query(
      `CREATE TABLE "legal_holds" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "agreement_id" character(66) NOT NULL, "placed_by" character(66) NOT NULL, "placed_by_role" character varying(16) NOT NULL, "reason" text NOT NULL, "placed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lifted_by" character(66), "lift_reason" text, "lifted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_bbe3e0c98678909493a90442dfb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_60381f604f84ac13729333d7ff" ON "legal_holds" ("agreement_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_60381f604f84ac13729333d7ff"`);
    await queryRunner.query(`DROP TABLE "legal_holds"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_retention_due"`);
    await queryRunner.query(`DROP TABLE "agreement_retention"`);
  }
}
