import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The anchor worker updated every agreement three times (batch signed, mined, final), and
 * each update changed an indexed column (`status` in two indexes, `anchor_tx_id` in one):
 * none could be HOT, so each wrote a new entry into all nine indexes, two of them GIN.
 * That work, in bursts of hundreds of rows, was what delayed deposits arriving meanwhile.
 *
 * - The indexes hold `lifecycle_status`, generated from `status` with the three anchoring
 *   steps as one value (RECORDED); `status` itself and `anchor_tx_id` leave every index.
 * - A batch's members, root and proofs go into `batch_leaves` when it is signed (insert
 *   only; its key finds a batch's members, which the partial index on anchor_tx_id did),
 *   so the agreement row does not grow by a proof and is not touched at signing at all.
 * - fillfactor 50: the worker updates all rows of a page in one statement (a page's
 *   agreements are deposited together, so they are batched together); the new versions
 *   fit on the page beside the old ones, and the next access prunes the old ones, with or
 *   without autovacuum. Existing pages keep their fill until rewritten.
 */
export class AnchoringOutOfIndexes1795800000008 implements MigrationInterface {
  name = 'AnchoringOutOfIndexes1795800000008';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "batch_leaves" ("chain_tx_id" bigint NOT NULL, "agreement_id" character(66) NOT NULL, ` +
        `"batch_root" character(66) NOT NULL, "merkle_proof" jsonb NOT NULL, ` +
        `CONSTRAINT "PK_batch_leaves" PRIMARY KEY ("chain_tx_id", "agreement_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "batch_leaves" ("chain_tx_id", "agreement_id", "batch_root", "merkle_proof")
       SELECT "anchor_tx_id", "id", "batch_root", "merkle_proof" FROM "agreements"
       WHERE "anchor_tx_id" IS NOT NULL AND "batch_root" IS NOT NULL AND "merkle_proof" IS NOT NULL`,
    );
    // anchor_tx_id now means "mined in": a batch signed but not yet mined is found through its leaves.
    await queryRunner.query(
      `UPDATE "agreements" SET "anchor_tx_id" = NULL WHERE "status" = 'PENDING_ANCHOR' AND "anchor_tx_id" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "batch_root", DROP COLUMN "merkle_proof"`);
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD "lifecycle_status" character varying(24) GENERATED ALWAYS AS (${LIFECYCLE}) STORED NOT NULL`,
    );
    // TypeORM compares generated columns by the expression it recorded here, not the catalog's.
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), current_schema(), 'agreements', 'GENERATED_COLUMN', 'lifecycle_status', $1)`,
      [LIFECYCLE],
    );
    await queryRunner.query(`DROP INDEX IF EXISTS "IDX_bff1219a2909fd5cb6e4c0eb99"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "agreements_anchor_tx"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "agreements_page_covering"`);
    await queryRunner.query(
      `CREATE INDEX "agreements_page_covering" ON "agreements" ("created_at", "id") ` +
        `INCLUDE ("jurisdictions", "organization_ids", "lifecycle_status", "type", "effective_at", "parent_id")`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" SET (fillfactor = 50)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agreements" RESET (fillfactor)`);
    await queryRunner.query(`DROP INDEX IF EXISTS "agreements_page_covering"`);
    await queryRunner.query(
      `CREATE INDEX "agreements_page_covering" ON "agreements" ("created_at", "id") ` +
        `INCLUDE ("jurisdictions", "organization_ids", "status", "type", "effective_at", "parent_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "agreements_anchor_tx" ON "agreements" ("anchor_tx_id") WHERE "anchor_tx_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bff1219a2909fd5cb6e4c0eb99" ON "agreements" ("status")`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'agreements'
         AND "name" = 'lifecycle_status' AND "database" = current_database() AND "schema" = current_schema()`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "lifecycle_status"`);
    await queryRunner.query(`ALTER TABLE "agreements" ADD "batch_root" character(66), ADD "merkle_proof" jsonb`);
    await queryRunner.query(
      `UPDATE "agreements" a SET "batch_root" = l."batch_root", "merkle_proof" = l."merkle_proof",
         "anchor_tx_id" = l."chain_tx_id"
       FROM "batch_leaves" l WHERE l."agreement_id" = a."id"
         AND (a."anchor_tx_id" = l."chain_tx_id" OR (a."anchor_tx_id" IS NULL AND a."status" = 'PENDING_ANCHOR'))`,
    );
    await queryRunner.query(`DROP TABLE "batch_leaves"`);
  }
}

/** The same expression as the entity's (`LIFECYCLE_STATUS_SQL`), frozen here as this migration wrote it. */
const LIFECYCLE = `CASE WHEN "status" IN ('PENDING_ANCHOR', 'ANCHORED', 'FINAL') THEN 'RECORDED' ELSE "status" END`;
