import { allInStatus, insertAgreements, startRig, type AnchorRig } from './anchor/anchor.fixture';

/** The columns the anchor worker writes on an agreement row (mined, final, reorged, released). */
const ANCHORING_COLUMNS = ['status', 'anchor_tx_id', 'log_index', 'anchored_at', 'finalized_at', 'updated_at'];

// Migration 0008: the anchoring steps must be HOT updates, which PostgreSQL allows only when
// no indexed column changes and the new row version fits on the old one's page. Otherwise
// every step writes into every index of agreements, and those bursts are what deposits
// arriving meanwhile wait for.
describe('anchor worker: updates that stay on their page', () => {
  let rig: AnchorRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig.close());

  it('keeps every column the anchoring steps change out of every index of agreements', async () => {
    const keyColumns = await rig.dataSource.query<Array<{ index: string; column: string }>>(
      `select i.indexrelid::regclass::text as index, a.attname as column
       from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
       where i.indrelid = 'agreements'::regclass`,
    );
    expect(keyColumns.length).toBeGreaterThan(5);
    expect(keyColumns.filter(({ column }) => ANCHORING_COLUMNS.includes(column))).toEqual([]);
    const expressions = await rig.dataSource.query<Array<{ index: string; sql: string }>>(
      `select i.indexrelid::regclass::text as index,
         concat_ws(' where ', pg_get_expr(i.indexprs, i.indrelid), pg_get_expr(i.indpred, i.indrelid)) as sql
       from pg_index i where i.indrelid = 'agreements'::regclass and (i.indexprs is not null or i.indpred is not null)`,
    );
    for (const { sql } of expressions)
      for (const column of ANCHORING_COLUMNS) expect(sql).not.toMatch(new RegExp(`\\b${column}\\b`));
  });

  it('anchors and finalises a batch without moving any agreement off its page', async () => {
    const agreements = await insertAgreements(rig.dataSource, 40);
    const ids = agreements.map((a) => a.id);
    const pages = async () =>
      new Map(
        (
          await rig.dataSource.query<Array<{ id: string; page: string }>>(
            `select id, (ctid::text::point)[0]::int::text as page from agreements where id = any($1)`,
            [ids],
          )
        ).map((row) => [row.id, row.page]),
      );
    const before = await pages();
    const worker = rig.worker({ anchorBatchSize: 40, anchorIntervalMs: 50 });
    expect(await worker.round()).toBe(true);
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    await rig.mine();
    await worker.round();
    expect(await allInStatus(rig.dataSource, ids, 'FINAL')).toBe(true);
    expect(await pages()).toEqual(before);
    await worker.stop();
  });
});
