import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agreements' GIN indexes (jurisdictions, organisations) took new entries into a
 * pending list that the statement crossing its size limit merged all at once: one unlucky
 * deposit, or one anchoring update, paid for thousands of rows. Without the list each
 * write pays its own small share. No schema change for TypeORM to diff.
 */
export class GinWithoutPendingList1795800000007 implements MigrationInterface {
  name = 'GinWithoutPendingList1795800000007';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['agreements_jurisdictions_gin', 'agreements_organizations_gin']) {
      await queryRunner.query(`ALTER INDEX "${index}" SET (fastupdate = off)`);
      // Entries already pending go into the index proper now, not in some later write.
      await queryRunner.query(`SELECT gin_clean_pending_list('"${index}"'::regclass)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['agreements_jurisdictions_gin', 'agreements_organizations_gin']) {
      await queryRunner.query(`ALTER INDEX "${index}" RESET (fastupdate)`);
    }
  }
}
