import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The anchor worker now writes an agreement's row once, when its batch is mined (status,
 * transaction, root, proof and log index together), instead of also stamping it when the
 * batch is signed. Whether an agreement already rides on a signed batch is then read from
 * its outbox rows, by subject: this index.
 */
export class OutboxSubjectIndex1795800000008 implements MigrationInterface {
  name = 'OutboxSubjectIndex1795800000008';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "outbox_subject" ON "outbox" ("subject_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_subject"`);
  }
}
