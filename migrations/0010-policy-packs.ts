import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policy packs (issue 21): published packs by content hash (never updated), every
 * activation in order (the newest per jurisdiction is in force; the largest id is the
 * version deposits compare their cached packs against), and each agreement's decision.
 */
export class PolicyPacks1795800000010 implements MigrationInterface {
  name = 'PolicyPacks1795800000010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "policy_packs" ("hash" character(66) NOT NULL, "jurisdiction" character varying(32) NOT NULL, "version" character varying(64) NOT NULL, "files" jsonb NOT NULL, "published_by" character(66) NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_deaa755aa35ff61c0549b478fac" PRIMARY KEY ("hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e66a128e05514e8fb33b82f261" ON "policy_packs"  ("jurisdiction") `,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_activations" ("id" BIGSERIAL NOT NULL, "jurisdiction" character varying(32) NOT NULL, "pack_hash" character(66) NOT NULL, "activated_by" character(66) NOT NULL, "activated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b8de89d4d7c00183fac2c0d2e6a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "policy_activations_jurisdiction_id" ON "policy_activations"  ("jurisdiction", "id") `,
    );
    await queryRunner.query(`ALTER TABLE "agreements" ADD "policy_decision" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "policy_decision"`);
    await queryRunner.query(`DROP INDEX "public"."policy_activations_jurisdiction_id"`);
    await queryRunner.query(`DROP TABLE "policy_activations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e66a128e05514e8fb33b82f261"`);
    await queryRunner.query(`DROP TABLE "policy_packs"`);
  }
}
