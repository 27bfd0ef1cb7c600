import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The retention job reads back the rows it claimed (`state = 'SHREDDING'`) after every
 * claim, once per batch: without an index each batch scanned the whole of
 * `agreement_retention`, so a run over N due agreements cost N²/batch row reads. The
 * partial index holds only the rows between claim and completion — at most a batch, or
 * what a killed run left. A new migration rather than an edit of 0011, which may already
 * have run somewhere.
 */
export class RetentionShreddingIndex1795800000015 implements MigrationInterface {
  name = 'RetentionShreddingIndex1795800000015';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "agreement_retention_shredding" ON "agreement_retention" ("agreement_id") WHERE state = 'SHREDDING'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."agreement_retention_shredding"`);
  }
}
