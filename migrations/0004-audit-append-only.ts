import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only trigger of 0001 let the sequencer's one update also change `actor_role`
 * (it compared every other column). The hash chain would show such an edit, but the
 * database should refuse it in the first place: now every column but seq, prev_hash and
 * hash must stay as written, and those three may be set once, all together. No schema
 * change for TypeORM to diff, so this is hand-written.
 */
export class AuditAppendOnly1795800000004 implements MigrationInterface {
  name = 'AuditAppendOnly1795800000004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION signet_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.seq IS NULL AND OLD.prev_hash IS NULL
           AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
           AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_role IS NOT DISTINCT FROM OLD.actor_role
           AND NEW.agreement_id IS NOT DISTINCT FROM OLD.agreement_id
           AND NEW.subject_id IS NOT DISTINCT FROM OLD.subject_id AND NEW.purpose IS NOT DISTINCT FROM OLD.purpose
           AND NEW.detail = OLD.detail THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION signet_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.seq IS NULL
           AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
           AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.agreement_id IS NOT DISTINCT FROM OLD.agreement_id
           AND NEW.subject_id IS NOT DISTINCT FROM OLD.subject_id AND NEW.purpose IS NOT DISTINCT FROM OLD.purpose
           AND NEW.detail = OLD.detail THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
  }
}
