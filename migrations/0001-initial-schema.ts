import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795792720942 implements MigrationInterface {
  name = 'InitialSchema1795792720942';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agreements" ("id" character(66) NOT NULL, "status" character varying(24) NOT NULL, "type" text NOT NULL, "jurisdictions" text array NOT NULL, "parties" text array NOT NULL, "organization_ids" uuid array NOT NULL, "parent_id" character(66), "supersedes_id" character(66), "superseded_by_id" character(66), "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "value" numeric(38,6), "currency" character varying(3), "metadata" text NOT NULL, "metadata_hash" character(66) NOT NULL, "commitment" character(66) NOT NULL, "sealed_digest" character(66) NOT NULL, "sealed_size" integer NOT NULL, "nonce" character(66) NOT NULL, "signatures_hash" character(66) NOT NULL, "record_hash" character(66) NOT NULL, "depositor_id" character(66) NOT NULL, "idempotency_key" character varying(128) NOT NULL, "request_hash" character(66) NOT NULL, "legal_hold" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "anchor_tx_id" bigint, "batch_root" character(66), "merkle_proof" jsonb, "log_index" integer, "anchored_at" TIMESTAMP WITH TIME ZONE, "finalized_at" TIMESTAMP WITH TIME ZONE, "shredded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bff1219a2909fd5cb6e4c0eb99" ON "agreements"  ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_f5724cc7f37e87adf1483e2c92" ON "agreements"  ("type") `);
    await queryRunner.query(`CREATE INDEX "IDX_ce626229f3b2f4ea3877fd744a" ON "agreements"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "agreements_created_page" ON "agreements"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreements_depositor_idempotency" ON "agreements"  ("depositor_id", "idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agreement_signatures" ("agreement_id" character(66) NOT NULL, "kind" character varying(16) NOT NULL, "credential_id" character(66) NOT NULL, "signing_key" character(66) NOT NULL, "signature" character(130) NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25c1160e666b393276e81b8320d" PRIMARY KEY ("agreement_id", "kind", "credential_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "agreement_status_changes" ("id" BIGSERIAL NOT NULL, "agreement_id" character(66) NOT NULL, "status" character varying(24) NOT NULL, "actor_id" character(66), "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c1ee59597ec17c1555aa6ddb319" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_44530ba8c8e3e2e65150084c53" ON "agreement_status_changes"  ("agreement_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agreement_wraps" ("agreement_id" character(66) NOT NULL, "key_id" character(66) NOT NULL, "credential_id" character(66), "box" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2f9cb7d64de45bfddebe600dd5a" PRIMARY KEY ("agreement_id", "key_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_checkpoints" ("seq" bigint NOT NULL, "head" character(66) NOT NULL, "chain_tx_id" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_00d27c519361818fba5bb6602de" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" BIGSERIAL NOT NULL, "seq" bigint, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action" character varying(48) NOT NULL, "actor_id" character(66), "actor_role" character varying(16), "agreement_id" character(66), "subject_id" text, "purpose" text, "detail" jsonb NOT NULL DEFAULT '{}', "prev_hash" character(66), "hash" character(66), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_6e299f5706e715265416fefe53" ON "audit_events"  ("seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7bc6d93bef37010049cf7ba268" ON "audit_events"  ("agreement_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_challenges" ("nonce" character(66) NOT NULL, "credential_id" character(66) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_451760f48a12d3b7bf51d29647f" PRIMARY KEY ("nonce"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "chain_transactions" ("id" BIGSERIAL NOT NULL, "kind" character varying(32) NOT NULL, "nonce" integer NOT NULL, "calldata" text NOT NULL, "raw_tx" text NOT NULL, "tx_hashes" text array NOT NULL, "max_fee_per_gas" numeric NOT NULL, "max_priority_fee_per_gas" numeric NOT NULL, "gas_limit" bigint NOT NULL, "status" character varying(16) NOT NULL, "mined_tx_hash" character(66), "block_number" bigint, "block_hash" character(66), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "mined_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_18103b117779afe0f8bd6df9f6f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_e7349189b940ee1002c5bb2428" ON "chain_transactions"  ("nonce") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_088c06cddd7502787e0e0b3561" ON "chain_transactions"  ("status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "credentials" ("id" character(66) NOT NULL, "role" character varying(16) NOT NULL, "organization_id" uuid, "label" text, "signing_key" character(66) NOT NULL, "box_key" character(66) NOT NULL, "jurisdictions" text array NOT NULL DEFAULT '{}', "principal_id" character(66), "mandate_max_value" numeric(38,6), "mandate_currency" character varying(3), "mandate_types" text array, "document" text NOT NULL, "issuer_signature" character(130) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revocation_reason" text, "issue_tx_hash" character(66), "issue_block" bigint, "revoke_tx_hash" character(66), "revoke_block" bigint, CONSTRAINT "PK_1e38bc43be6697cdda548ad27a6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8d0eceb3f2737d5fc6d7a0a91d" ON "credentials"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_c1e2b0cdeb6e318586aaf542b8" ON "credentials"  ("signing_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" text NOT NULL, "jurisdiction" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_9b7ca6d30b94fef571cff876884" UNIQUE ("name"), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "kind" character varying(32) NOT NULL, "subject_id" character(66) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "chain_tx_id" bigint, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "outbox_pending" ON "outbox"  ("id") WHERE chain_tx_id IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "regulator_designations" ("jurisdiction" character varying(16) NOT NULL, "credential_id" character(66) NOT NULL, "designated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc14c82423ae831aa0bae496848" PRIMARY KEY ("jurisdiction", "credential_id"))`,
    );
    // Hand-written: array containment (scope filters) needs GIN, which TypeORM does not diff.
    await queryRunner.query(
      `CREATE INDEX "agreements_jurisdictions_gin" ON "agreements" USING GIN ("jurisdictions")`,
    );
    await queryRunner.query(
      `CREATE INDEX "agreements_organizations_gin" ON "agreements" USING GIN ("organization_ids")`,
    );
    // The access trail is append-only for the service's own role too: a row may be updated
    // once, by the sequencer, to give it its place in the hash chain; nothing else.
    await queryRunner.query(`CREATE FUNCTION signet_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION signet_audit_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS audit_events_append_only ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS signet_audit_append_only()`);
    await queryRunner.query(`DROP INDEX IF EXISTS "agreements_organizations_gin"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "agreements_jurisdictions_gin"`);
    await queryRunner.query(`DROP TABLE "regulator_designations"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_pending"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c1e2b0cdeb6e318586aaf542b8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8d0eceb3f2737d5fc6d7a0a91d"`);
    await queryRunner.query(`DROP TABLE "credentials"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_088c06cddd7502787e0e0b3561"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e7349189b940ee1002c5bb2428"`);
    await queryRunner.query(`DROP TABLE "chain_transactions"`);
    await queryRunner.query(`DROP TABLE "auth_challenges"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7bc6d93bef37010049cf7ba268"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6e299f5706e715265416fefe53"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
    await queryRunner.query(`DROP TABLE "agreement_wraps"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_44530ba8c8e3e2e65150084c53"`);
    await queryRunner.query(`DROP TABLE "agreement_status_changes"`);
    await queryRunner.query(`DROP TABLE "agreement_signatures"`);
    await queryRunner.query(`DROP INDEX "public"."agreements_depositor_idempotency"`);
    await queryRunner.query(`DROP INDEX "public"."agreements_created_page"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ce626229f3b2f4ea3877fd744a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f5724cc7f37e87adf1483e2c92"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bff1219a2909fd5cb6e4c0eb99"`);
    await queryRunner.query(`DROP TABLE "agreements"`);
  }
}
