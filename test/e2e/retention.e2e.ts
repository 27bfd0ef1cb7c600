import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { FileBlobStore, FileKeyVault, RetentionBlobStore } from '@signet/storage';
import {
  createCliWorld,
  insertDueAgreements,
  startSignetStack,
  type CliWorld,
  type SignetStack,
} from '@signet/testing';
import { OffsetFileClock } from '../../apps/registry/src/retention/retention-clock';

const DAY = 86_400_000;
const TEXT = 'Acme and Globex keep each other’s prices secret, and destroy them 30 days after.\n';
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Issue 16's "done when", through the CLI against the running service on a test clock
 * (SIGNET_TEST_CLOCK_FILE): an NDA with a 30-day destruction obligation is shredded after
 * its date by `signet admin retention run`; the webhook arrives; `signet open` gets
 * SHREDDED; `signet verify` with text and salt still passes and shows SHREDDED; a held
 * NDA past its date stays until its hold is lifted.
 */
describe('retention through the CLI: schedule, hold, shred, webhook, verify', () => {
  let stack: SignetStack;
  let world: CliWorld;
  let hooks: Server;
  const received: string[] = [];
  let held = '';
  const clockFile = join(mkdtempSync(join(tmpdir(), 'signet-clock-')), 'offset-ms');
  const metadata = () => ({
    type: 'NDA',
    parties: [world.ids.a, world.ids.b],
    jurisdictions: ['DE'],
    effectiveAt: day(-10),
    expiresAt: day(2),
    terms: { confidentiality: { categories: ['pricing'], periodDays: 30, destroyAfterDays: 30 } },
  });

  beforeAll(async () => {
    writeFileSync(clockFile, '0');
    stack = await startSignetStack('signet_retention', {
      SIGNET_TEST_CLOCK_FILE: clockFile,
      RETENTION_INTERVAL_MS: String(7 * DAY),
      SIGNET_WEBHOOK_ALLOW_PRIVATE: '1',
    });
    world = await createCliWorld(stack.signet);
    hooks = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push((JSON.parse(body) as { type: string }).type);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => hooks.listen(0, '127.0.0.1', done));
  });

  afterAll(async () => {
    hooks?.close();
    await stack?.stop();
  });

  it('shreds the NDA after its date; open answers SHREDDED; verify with text and salt passes and shows it', async () => {
    const url = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks`;
    await world.as('a.key', 'webhooks', 'add', url, '--events', 'agreement.shredded');
    const nda = String((await world.agree('nda', metadata(), TEXT)).id);
    held = String((await world.agree('held', metadata(), TEXT)).id);
    await world.waitForStatus(nda, 'FINAL');
    await world.waitForStatus(held, 'FINAL');

    const status = await world.as('a.key', 'status', nda);
    const retention = status.retention as { rule: string; destroyAt: string; state: string };
    expect(retention).toMatchObject({ rule: 'expiry+nda.destroyAfterDays', state: 'SCHEDULED' });
    expect(Date.parse(retention.destroyAt)).toBe(Date.parse(`${day(2)}T00:00:00Z`) + 30 * DAY);
    const { salt } = await world.as('a.key', 'open', nda, '--purpose', 'our own copy', '--out', 'nda.read');
    await world.as('reg.key', 'hold', 'place', held, '--reason', 'investigation 7');

    writeFileSync(clockFile, String(70 * DAY));
    const run = await world.operator('admin', 'retention', 'run');
    const ndaId = nda.split(':').pop();
    const heldId = held.split(':').pop();
    expect(run.shredded).toEqual([ndaId]);
    expect(run.kept).toEqual([expect.objectContaining({ agreementId: heldId, keptBy: 'hold' })]);
    expect((run.keysDestroyed as string[]).some((key) => key.startsWith('epoch-'))).toBe(true);

    const refused = await world.run(
      '--key',
      'a.key',
      'open',
      nda,
      '--purpose',
      'again',
      '--out',
      'nda.again',
    );
    expect(refused.code).toBe(1);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('SHREDDED');
    await waitFor(() => received.includes('agreement.shredded'), 'the agreement.shredded webhook');

    let checks: Check[] = [];
    await waitFor(async () => {
      const verified = await world.run('verify', nda, '--text', 'nda.txt', '--salt', String(salt));
      checks = verified.json<{ checks: Check[] }>().checks;
      return verified.code === 0 && checks.some((c) => c.name === 'status' && c.detail.includes('SHREDDED'));
    }, 'verify showing SHREDDED from the chain');
    expect(checks.find((c) => c.name === 'commitment')?.ok).toBe(true);
    expect((await world.as('a.key', 'status', nda)).status).toBe('SHREDDED');
  });

  it('keeps a held NDA past its date until the hold is lifted, then shreds it', async () => {
    expect((await world.as('a.key', 'status', held)).status).toBe('FINAL');
    const refused = await world.run('--key', 'a.key', 'hold', 'place', held, '--reason', 'mine');
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
    await world.as('reg.key', 'hold', 'lift', held, '--reason', 'investigation closed');
    const run = await world.operator('admin', 'retention', 'run');
    expect(run.shredded).toEqual([held.split(':').pop()]);
    expect((run.keysDestroyed as string[]).some((key) => key.startsWith('hold-'))).toBe(true);
    expect((await world.as('a.key', 'status', held)).status).toBe('SHREDDED');
  });

  it('finishes a run SIGKILLed mid-way after a restart: no blob without its record, nothing anchored twice', async () => {
    const { dataDir } = stack.signet;
    const db = new Client({ connectionString: stack.db.url });
    await db.connect();
    try {
      const query = <T>(text: string, params?: unknown[]) => db.query(text, params).then((r) => r.rows as T);
      const blobs = new RetentionBlobStore(
        new FileBlobStore(join(dataDir, 'blobs')),
        new FileKeyVault(join(dataDir, 'keys', 'retention')),
        new OffsetFileClock(clockFile),
      );
      const ids = await insertDueAgreements(query, blobs, 3000, 'kill');
      const operatorKey = join(dataDir, 'operator.key');
      const running = world.run('--key', operatorKey, 'admin', 'retention', 'run');
      const shredded = async () =>
        (
          await query<Array<{ n: number }>>(
            `select count(*)::int as n from agreement_retention where state = 'SHREDDED' and agreement_id = any($1)`,
            [ids],
          )
        )[0].n;
      let atKill = 0;
      await waitFor(async () => (atKill = await shredded()) > 0, 'the first shreds', 120_000);
      stack.signet.kill('SIGKILL');
      await stack.signet.exited;
      expect((await running).code).not.toBe(0);
      expect(atKill).toBeLessThan(ids.length);

      await stack.restart();
      await world.operator('admin', 'retention', 'run');
      const [row] = await query<Array<Record<string, number>>>(
        `select count(*) filter (where a.status = 'SHREDDED')::int as shredded,
           count(*) filter (where r.state = 'SHREDDED')::int as recorded,
           (select count(*) from agreement_status_changes c where c.agreement_id = any($1) and c.status = 'SHREDDED')::int as changes,
           (select count(*) from outbox o where o.subject_id = any($1) and o.kind = 'status')::int as anchors,
           (select count(*) from agreement_wraps w where w.agreement_id = any($1))::int as wraps
         from agreements a join agreement_retention r on r.agreement_id = a.id where a.id = any($1)`,
        [ids],
      );
      expect(row).toEqual({ shredded: 3000, recorded: 3000, changes: 3000, anchors: 3000, wraps: 0 });
      const [first] = await query<Array<{ d: string }>>(
        'select sealed_digest as d from agreements where id = $1',
        [ids[0]],
      );
      expect(await blobs.get(first.d.slice(2))).toBeNull();
    } finally {
      await db.end();
    }
  });
});

async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 300));
  }
}
