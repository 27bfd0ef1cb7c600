import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import {
  createCliWorld,
  createTestDatabase,
  startSignetProcess,
  type CliWorld,
  type SignetProcess,
  type TestDatabase,
} from '@signet/testing';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const TEXT = 'Mutual non-disclosure between Acme and Globex.\nEach keeps the other’s secrets for five years.';

interface AuditOutput {
  valid: boolean;
  checks: Array<{ name: string; ok: boolean; detail: string }>;
  checkpointedThrough: number;
  events: Array<{ seq: number; action: string; actorId: string | null; purpose: string | null }>;
}

/**
 * Flow 5 through the CLI against the running service and a real chain: a regulator opens
 * an agreement with a stated purpose and reads the original text; the parties see that
 * read in the access trail, checked against the checkpoint on chain; and a superuser who
 * edits or deletes an audit row around the append-only trigger is caught by name.
 */
describe('opening sealed text and the access trail, through the CLI', () => {
  let anvil: AnvilHandle;
  let database: TestDatabase;
  let signet: SignetProcess;
  let work: string;
  let nda: string;
  const ids: Record<string, string> = {};

  let world: CliWorld;
  const run = (...args: string[]) => world.run(...args);
  const as = (key: string, ...args: string[]) => world.as(key, ...args);
  const operatorKey = () => join(signet.dataDir, 'operator.key');

  async function superuser(statement: string, params: unknown[] = []): Promise<void> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('alter table audit_events disable trigger audit_events_append_only');
      await client.query(statement, params);
    } finally {
      await client.query('alter table audit_events enable trigger audit_events_append_only');
      await client.end();
    }
  }

  async function audit(key = 'a.key') {
    const result = await run('--key', key, 'audit', nda);
    return { code: result.code, report: result.json<AuditOutput>() };
  }

  beforeAll(async () => {
    anvil = await startAnvil({ blockTime: 1 });
    database = await createTestDatabase('signet_audit_e2e');
    signet = await startSignetProcess({
      env: {
        DATABASE_URL: database.url,
        CHAIN_RPC_URL: anvil.rpcUrl,
        ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
        CONFIRMATIONS: '1',
        ANCHOR_INTERVAL_MS: '200',
        SIGNET_AUDIT_CHECKPOINT_SECONDS: '1',
      },
    });
    world = await createCliWorld(signet);
    work = world.work;
    Object.assign(ids, world.ids);
    await world.operator('admin', 'org', 'add', 'AMF', '--jurisdiction', 'FR');
    ids.regfr = await world.member('regfr', '--role', 'regulator', '--org', 'AMF', '--jurisdiction', 'FR');
    await world.operator('admin', 'designate', '--jurisdiction', 'FR', '--regulator', ids.regfr);
    const meta = {
      type: 'nda',
      parties: [ids.a, ids.b],
      jurisdictions: ['DE'],
      effectiveAt: '2026-01-01',
      expiresAt: '2031-01-01',
    };
    nda = String((await world.agree('nda', meta, TEXT)).id);
    await world.waitForStatus(nda, 'FINAL');
  });

  afterAll(async () => {
    await signet?.stop();
    await anvil?.stop();
    await database?.drop();
  });

  it('a designated regulator opens the agreement and reads the original text, checked against the chain', async () => {
    const opened = await as(
      'reg.key',
      'open',
      nda,
      '--purpose',
      'market supervision, case 17',
      '--out',
      'nda.read',
    );
    expect(readFileSync(join(work, 'nda.read'), 'utf8')).toBe(TEXT);
    expect(opened.salt).toMatch(/^0x[0-9a-f]{64}$/);
    const checks = opened.checks as Array<{ name: string; ok: boolean }>;
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['commitment', 'chain:commitment', 'chain:on-chain-record']),
    );
  });

  it('nobody else opens it: another jurisdiction, the operator, a non-recipient, or without a purpose', async () => {
    const refused = async (key: string, purpose: string) => {
      const result = await run('--key', key, 'open', nda, '--purpose', purpose, '--out', 'nope.txt');
      expect(result.code).toBe(1);
      return result.json<{ error: { code: string } }>().error.code;
    };
    expect(await refused('regfr.key', 'curiosity')).toBe('NOT_FOUND');
    expect(await refused(operatorKey(), 'administration')).toBe('FORBIDDEN');
    expect(await refused('pa.key', 'review')).toBe('NOT_A_RECIPIENT');
    expect(await refused('reg.key', '   ')).toBe('PURPOSE_REQUIRED');
  });

  it('the parties see who read it, and the trail is intact up to the checkpoint on chain', async () => {
    const deadline = Date.now() + 60_000;
    let last: Awaited<ReturnType<typeof audit>>;
    for (;;) {
      last = await audit();
      const read = last.report.events.find((e) => e.action === 'sealed.open');
      if (last.code === 0 && read && last.report.checkpointedThrough >= read.seq) break;
      if (Date.now() > deadline)
        throw new Error(`the trail was not checkpointed in time: ${JSON.stringify(last.report)}`);
      await new Promise((done) => setTimeout(done, 500));
    }
    const read = last.report.events.find((e) => e.action === 'sealed.open')!;
    expect(read).toMatchObject({ actorId: ids.reg, purpose: 'market supervision, case 17' });
    expect(last.report.events.filter((e) => e.action === 'sealed.open')).toHaveLength(1);
    expect((await audit('reg.key')).code).toBe(0);
    const regfr = await run('--key', 'regfr.key', 'audit', nda);
    expect(regfr.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });

  it('an edited audit event fails `signet audit`, naming the check', async () => {
    await superuser(`update audit_events set purpose = 'routine' where action = 'sealed.open'`);
    const { code, report } = await audit();
    expect(code).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['link-hashes']);
    await superuser(
      `update audit_events set purpose = 'market supervision, case 17' where action = 'sealed.open'`,
    );
    expect((await audit()).code).toBe(0);
  });

  it('a deleted audit event fails `signet audit`, naming the checks', async () => {
    // The newest event gone: the rest still chains, but no longer reaches the checkpoint.
    await superuser(`delete from audit_events where action = 'sealed.open'`);
    const newest = await audit();
    expect(newest.code).toBe(1);
    expect(newest.report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['checkpoint']);
    // One in the middle gone — even another subject's, which the party sees only as hashes:
    // a hole in the sequence, and a broken link.
    await superuser(`delete from audit_events where seq = 3`);
    const middle = await audit();
    expect(middle.code).toBe(1);
    const failed = middle.report.checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failed).toEqual(expect.arrayContaining(['sequence', 'links']));
  });
});
