import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RFC 3161 timestamps of batch roots (issue 15, FORMATS.md §15): one row per recorded root
 * once TSA_URL is set, the token when the timestamp worker obtained it, and the failed
 * attempts and next try while the TSA does not answer (the partial index finds those).
 */
export class BatchTimestamps1795800000014 implements MigrationInterface {
  name = 'BatchTimestamps1795800000014';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "batch_timestamps" ("batch_root" character(66) NOT NULL, "chain_tx_id" bigint NOT NULL, "token" text, "certificates" jsonb NOT NULL DEFAULT '[]', "gen_time" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d50f706049c00831229fe89dd26" PRIMARY KEY ("batch_root"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "batch_timestamps_due" ON "batch_timestamps"  ("next_attempt_at") WHERE token IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."batch_timestamps_due"`);
    await queryRunner.query(`DROP TABLE "batch_timestamps"`);
  }
}
