import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@migrations';
import { AnchoringOutOfIndexes1795800000008 } from '../../migrations/0008-anchoring-out-of-indexes';
import { typeormOptions } from '@signet/persistence';
import { createTestDatabase, type TestDatabase } from '@signet/testing';

const hex32 = () => `0x${randomBytes(32).toString('hex')}`;

interface OldRow {
  id: string;
  status: string;
  anchorTxId: string | null;
  root: string | null;
  proof: string[] | null;
}

/** An agreement row as migrations 0001–0007 left it, proof columns included. */
async function insertOld(dataSource: DataSource, row: OldRow): Promise<void> {
  await dataSource.query(
    `insert into agreements (id, status, type, jurisdictions, parties, organization_ids, effective_at, expires_at,
       metadata, metadata_hash, commitment, sealed_digest, sealed_size, nonce, signatures_hash, record_hash,
       depositor_id, idempotency_key, request_hash, anchor_tx_id, batch_root, merkle_proof, log_index)
     values ($1::text, $2, 'nda', '{DE}', '{}', '{}', now(), now() + interval '1 year', '{}', $1::text, $1::text,
       $1::text, 1, $1::text, $1::text, $1::text, $1::text, $1::text, $1::text, $3::bigint, $4, $5::jsonb, $6::int)`,
    [
      row.id,
      row.status,
      row.anchorTxId,
      row.root,
      row.proof === null ? null : JSON.stringify(row.proof),
      row.status === 'PENDING_ANCHOR' ? null : 0,
    ],
  );
}

// Upgrading a registry that already holds anchored agreements: no proof may be lost, and
// the way back restores the old columns.
// Migrations after 0008 are left out, so that 0008 is the last one run and the one undone.
const through0008 = MIGRATIONS.slice(0, MIGRATIONS.indexOf(AnchoringOutOfIndexes1795800000008) + 1);

describe('migration 0008 on a populated database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('signet_m0008');
  });
  afterAll(() => database.drop());

  it('moves every proof into batch_leaves and back', async () => {
    const before = new DataSource({
      ...typeormOptions(database.url),
      migrations: through0008.slice(0, -1),
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const root = hex32();
    const final: OldRow = { id: hex32(), status: 'FINAL', anchorTxId: '7', root, proof: [hex32(), hex32()] };
    const signed: OldRow = { id: hex32(), status: 'PENDING_ANCHOR', anchorTxId: '8', root, proof: [hex32()] };
    const waiting: OldRow = {
      id: hex32(),
      status: 'PENDING_ANCHOR',
      anchorTxId: null,
      root: null,
      proof: null,
    };
    for (const row of [final, signed, waiting]) await insertOld(before, row);
    await before.destroy();

    const after = new DataSource({ ...typeormOptions(database.url), migrations: through0008 });
    await after.initialize();
    await after.runMigrations({ transaction: 'each' });
    expect(
      await after.query(
        `select chain_tx_id::text as tx, agreement_id as id, batch_root as root, merkle_proof as proof
         from batch_leaves order by chain_tx_id`,
      ),
    ).toEqual([
      { tx: '7', id: final.id, root, proof: final.proof },
      { tx: '8', id: signed.id, root, proof: signed.proof },
    ]);
    // anchor_tx_id now means "mined in": the signed, unmined one is found through its leaf.
    const rows = await after.query<Array<{ id: string; tx: string | null; lifecycle: string }>>(
      `select id, anchor_tx_id::text as tx, lifecycle_status as lifecycle from agreements`,
    );
    expect(new Map(rows.map((r) => [r.id, [r.tx, r.lifecycle]]))).toEqual(
      new Map([
        [final.id, ['7', 'RECORDED']],
        [signed.id, [null, 'RECORDED']],
        [waiting.id, [null, 'RECORDED']],
      ]),
    );

    await after.undoLastMigration({ transaction: 'each' });
    const restored = await after.query<
      Array<{ id: string; tx: string | null; root: string | null; proof: string[] | null }>
    >(`select id, anchor_tx_id::text as tx, batch_root as root, merkle_proof as proof from agreements`);
    expect(new Map(restored.map((r) => [r.id, r]))).toEqual(
      new Map([
        [final.id, { id: final.id, tx: '7', root, proof: final.proof }],
        [signed.id, { id: signed.id, tx: '8', root, proof: signed.proof }],
        [waiting.id, { id: waiting.id, tx: null, root: null, proof: null }],
      ]),
    );
    await after.destroy();
  });
});
