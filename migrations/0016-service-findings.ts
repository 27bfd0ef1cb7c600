import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings about the service itself (issue 17: a reorg deeper than CONFIRMATIONS raises a
 * `chain.reorg` finding) belong to no credential. (0015 is taken by the retention branch.)
 */
export class ServiceFindings1795800000016 implements MigrationInterface {
  name = 'ServiceFindings1795800000016';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "behaviour_findings" ALTER COLUMN "credential_id" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "behaviour_findings" WHERE "credential_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "behaviour_findings" ALTER COLUMN "credential_id" SET NOT NULL`);
  }
}
