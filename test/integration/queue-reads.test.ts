import {
  inTransaction,
  OUTBOX_SUMMARY_SQL,
  QUEUE_READS,
  SEQUENCER_CANDIDATES_SQL,
} from '@signet/persistence';
import { createMigratedDatabase, type MigratedDatabase } from '@signet/testing';

interface PlanNode {
  'Node Type': string;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

function nodeTypes(node: PlanNode): string[] {
  return [node['Node Type'], ...(node.Plans ?? []).flatMap(nodeTypes)];
}

const PROCESSED = 20_000;
/** Rows still waiting: few, so that reading them costs little beside the processed ones. */
const WAITING = 5;

jest.setTimeout(120_000);

/**
 * The worker's reads of its queues (the outbox, audit events waiting for a sequence number)
 * run with bitmap scans off. Processed rows leave dead entries in the queue indexes until
 * VACUUM, which may be far off or, on this machine, never. A plain index scan marks them
 * dead the first time and skips them after; a bitmap scan visits them all on every read.
 */
describe('queue reads', () => {
  let db: MigratedDatabase;

  beforeAll(async () => {
    db = await createMigratedDatabase('queue_reads');
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    // What is measured is the time between two vacuums: none may come in between here.
    await q('alter table outbox set (autovacuum_enabled = false)');
    await q('alter table audit_events set (autovacuum_enabled = false)');
    await q(
      `insert into outbox (kind, subject_id, payload)
       select 'agreement', '0x' || lpad(to_hex(i), 64, '0'), '{}'::jsonb from generate_series(1, $1) i`,
      [PROCESSED + WAITING],
    );
    await q(
      `insert into audit_events (action, detail) select 'agreement.deposit', '{}'::jsonb from generate_series(1, $1)`,
      [PROCESSED + WAITING],
    );
    // Processed as the worker does it: in rounds, each its own transaction.
    for (let first = 1; first <= PROCESSED; first += 1000) {
      await q('update outbox set chain_tx_id = 1 where id between $1 and $2', [first, first + 999]);
      await q(
        `update audit_events set seq = id, hash = '0x' || repeat('a', 64), prev_hash = '0x' || repeat('b', 64)
               where id between $1 and $2`,
        [first, first + 999],
      );
    }
  });
  afterAll(() => db?.close());

  async function explain(sql: string, params: unknown[]): Promise<PlanNode> {
    return inTransaction(
      db.dataSource,
      async (tx) => {
        const [row] = await tx.rows<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
          `explain (analyze, buffers, format json) ${sql}`,
          params,
        );
        return row['QUERY PLAN'][0].Plan;
      },
      QUEUE_READS,
    );
  }

  it.each([
    ['the outbox summary', OUTBOX_SUMMARY_SQL, []],
    ['the sequencer’s candidates', SEQUENCER_CANDIDATES_SQL, [500]],
  ])('%s: no bitmap scan, and the processed rows are paid for once', async (_name, sql, params) => {
    const first = await explain(sql, params);
    const second = await explain(sql, params);
    expect(nodeTypes(first).filter((type) => type.startsWith('Bitmap'))).toEqual([]);
    const blocks = (plan: PlanNode) => plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
    // 20,000 processed rows span some hundred heap pages; once marked, only index pages are read.
    expect(blocks(first)).toBeGreaterThan(100);
    expect(blocks(second)).toBeLessThan(blocks(first) / 3);
  });
});
