import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Index upkeep is what every deposit and every anchoring step pays for:
 * - `agreements_created_page` (created_at, id) duplicates the key of 0005's covering
 *   index, which serves every query the smaller one did; it goes.
 * - The worker finalises a batch by its transaction (`anchor_tx_id`); without an index it
 *   read every ANCHORED agreement to find them. A partial index holds only anchored rows,
 *   so a deposit's insert does not pay for it. TypeORM cannot express the partial index,
 *   so the entity marks it `synchronize: false`.
 */
export class DepositWriteIndexes1795800000006 implements MigrationInterface {
  name = 'DepositWriteIndexes1795800000006';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "agreements_created_page"`);
    await queryRunner.query(
      `CREATE INDEX "agreements_anchor_tx" ON "agreements" ("anchor_tx_id") WHERE "anchor_tx_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "agreements_anchor_tx"`);
    await queryRunner.query(`CREATE INDEX "agreements_created_page" ON "agreements" ("created_at", "id")`);
  }
}
