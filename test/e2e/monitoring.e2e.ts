import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { createDraft, signDraft, SignetClient, type Draft } from '@signet/sdk';
import {
  createCliWorld,
  refusedDepositInputs,
  startSignetProcess,
  type CliWorld,
  type SignetProcess,
} from '@signet/testing';
import { readKeyFile } from '../../apps/cli/src/keys/key-files';
import { logIn } from '../../apps/cli/src/login';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/** A DE pack whose monitoring rules act on small numbers, so that a test can trip them. */
function writeMonitoringPack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'signet-monitoring-pack-'));
  const quick = { ratio: 2, z: 2, newFloorPerMinute: 1, floorPerMinute: 1 };
  writeFileSync(
    join(dir, 'pack.json'),
    JSON.stringify({
      jurisdiction: 'DE',
      version: 'monitoring-e2e',
      monitoring: {
        escalateMinutes: 60,
        features: {
          'deposit.rate': { ...quick, minCount: 5, action: 'escalate' },
          'refusal.rate': { ...quick, minCount: 3, action: 'suspend' },
          'sealed.open.rate': { ...quick, minCount: 4 },
        },
      },
    }),
  );
  writeFileSync(join(dir, 'rules.cedar'), '@id("de-record")\npermit (principal, action, resource);\n');
  const deal = { type: 'SUPPLY', jurisdictions: ['DE'], effectiveAt: '2026-06-01', expiresAt: '2028-06-01' };
  writeFileSync(
    join(dir, 'tests.json'),
    JSON.stringify({
      cases: [
        {
          name: 'allowed',
          input: { deal },
          expect: { outcome: 'allow', reasons: [], rules: ['DE:de-record'] },
        },
      ],
    }),
  );
  return dir;
}

interface FindingNode {
  credentialId: string;
  feature: string;
  action: string;
  recomputed: boolean;
  baseline: string;
}

/**
 * Issue 22's "done when", against the running service: an agent that bursts gets a finding
 * its principal and the operator see (and no other organisation does), its next deal waits
 * with reason ANOMALY; an agent whose deposits keep being refused is suspended
 * (CREDENTIAL_SUSPENDED) until its principal reinstates it; a regulator that bulk-reads gets
 * a finding too.
 */
describe('behaviour monitoring', () => {
  let anvil: AnvilHandle;
  let signet: SignetProcess;
  let world: CliWorld;
  const clients: Record<string, SignetClient> = {};
  let first: Draft;
  let subscriber: Server;
  const received: Array<{ body: string; headers: IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    anvil = await startAnvil({ blockTime: 1 });
    signet = await startSignetProcess({
      env: {
        CHAIN_RPC_URL: anvil.rpcUrl,
        ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
        ANCHOR_INTERVAL_MS: '200',
        SIGNET_MONITORING_FLUSH_MS: '100',
        SIGNET_WEBHOOK_ALLOW_PRIVATE: '1',
      },
    });
    subscriber = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ body, headers: request.headers });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => subscriber.listen(0, '127.0.0.1', done));
    world = await createCliWorld(signet);
    const published = await world.operator('admin', 'policy', 'publish', writeMonitoringPack());
    await world.operator(
      'admin',
      'policy',
      'activate',
      '--jurisdiction',
      'DE',
      '--pack',
      String(published.id),
    );
    for (const name of ['a', 'b', 'reg']) {
      clients[name] = new SignetClient(signet.url);
      await logIn(clients[name], await readKeyFile(join(world.work, `${name}.key`)));
    }
  });

  afterAll(async () => {
    await signet?.stop();
    await anvil?.stop();
    subscriber?.close();
  });

  const signedDrafts = async (count: number): Promise<Draft[]> => {
    const { chainId, registryAddress } = await clients.a.status();
    const parties = [world.ids.a, world.ids.b];
    const recipients = await clients.a.recipients(['DE'], parties);
    const [a, b] = await Promise.all(['a', 'b'].map((name) => readKeyFile(join(world.work, `${name}.key`))));
    return Array.from({ length: count }, (_, i) => {
      const metadata = {
        type: 'supply',
        parties,
        jurisdictions: ['DE'],
        effectiveAt: '2026-06-01',
        expiresAt: '2028-06-01',
        value: '1000.00',
        currency: 'EUR',
      };
      const { draft } = createDraft({
        text: `Deal ${i} ${Math.random()}`,
        metadata,
        recipients,
        chainId,
        registry: registryAddress,
      });
      return signDraft(signDraft(draft, a), b);
    });
  };

  const findingsAs = async (key: string): Promise<FindingNode[]> =>
    (await world.as(key, 'findings')).findings as FindingNode[];

  const eventually = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  };

  it('finds a burst; its principal, the regulator and the operator see it; its next deal waits (ANOMALY)', async () => {
    const port = (subscriber.address() as AddressInfo).port;
    const hook = await world.as(
      'pb.key',
      'webhooks',
      'add',
      `http://127.0.0.1:${port}/hook`,
      '--events',
      'finding.raised',
    );
    const drafts = await signedDrafts(7);
    first = drafts[0];
    const burst = await clients.b.depositMany(drafts.slice(0, 6));
    expect(burst.every((item) => item.ok && item.result.status === 'PENDING_ANCHOR')).toBe(true);

    const seen = await eventually(async () => {
      const found = (await findingsAs('pb.key')).find((f) => f.feature === 'deposit.rate');
      return found;
    }, "the burst's finding");
    expect(seen).toMatchObject({ credentialId: world.ids.b, action: 'escalate', recomputed: true });
    expect(JSON.parse(seen.baseline)).toMatchObject({ kind: 'rate', source: 'floor', expected: 1 });
    expect((await world.operator('findings')).findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ credentialId: world.ids.b, feature: 'deposit.rate' }),
      ]),
    );
    expect((await findingsAs('reg.key')).map((f) => f.credentialId)).toContain(world.ids.b);
    // Acme's principal sees nothing of Globex's agent; an agent sees no findings at all.
    expect((await findingsAs('pa.key')).map((f) => f.credentialId)).not.toContain(world.ids.b);
    const agent = await world.run('--key', 'a.key', 'findings');
    expect(agent.code).toBe(1);
    expect(agent.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');

    // Globex's subscriber hears of it, signed (Standard Webhooks).
    const delivery = await eventually(() => Promise.resolve(received[0]), 'the finding.raised delivery');
    const verified = new Webhook(String(hook.secret)).verify(
      delivery.body,
      delivery.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({
      type: 'finding.raised',
      data: { credentialId: world.ids.b, feature: 'deposit.rate' },
    });

    const next = await clients.b.deposit(drafts[6]);
    expect(next.status).toBe('PENDING_RATIFICATION');
    const status = await world.as('b.key', 'status', next.id);
    expect(
      (status.policyDecision as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code),
    ).toContain('ANOMALY');
  });

  it('suspends an agent whose deposits keep being refused, until its principal reinstates it', async () => {
    const garbage = refusedDepositInputs(4, 'garbage');
    const refused = await clients.a.request<{ depositAgreements: Array<{ error: { code: string } | null }> }>(
      'mutation ($inputs: [DepositAgreementInput!]!) { depositAgreements(inputs: $inputs) { error { code } } }',
      { inputs: garbage },
    );
    expect(refused.depositAgreements.every((item) => item.error !== null)).toBe(true);

    const me = () =>
      clients.a.request('{ me { id } }').then(
        () => undefined,
        (error: { code?: string }) => error.code,
      );
    expect(await eventually(me, 'the suspension')).toBe('CREDENTIAL_SUSPENDED');
    const suspended = (await findingsAs('pa.key')).find((f) => f.feature === 'refusal.rate');
    expect(suspended).toMatchObject({ credentialId: world.ids.a, action: 'suspend', recomputed: true });

    // Globex's principal is not Acme's agent's: it learns nothing, not even that the credential exists.
    const stranger = await world.run('--key', 'pb.key', 'reinstate', world.ids.a, '--reason', 'not mine');
    expect(stranger.code).toBe(1);
    expect(stranger.json<{ error: { code: string } }>().error.code).toBe('CREDENTIAL_UNKNOWN');
    expect(await me()).toBe('CREDENTIAL_SUSPENDED');

    const reinstated = await world.as(
      'pa.key',
      'reinstate',
      world.ids.a,
      '--reason',
      'reviewed: a test of bad inputs',
    );
    expect(reinstated).toMatchObject({ credentialId: world.ids.a, wasSuspended: true });
    expect(await me()).toBeUndefined();
  });

  it('finds a regulator that reads far more than it does', async () => {
    const open = 'mutation ($id: String!, $p: String!) { openSealed(id: $id, purpose: $p) { id } }';
    for (let i = 0; i < 5; i++) await clients.reg.request(open, { id: first.blockchainId, p: `review ${i}` });
    const found = await eventually(async () => {
      const all = (await world.operator('findings')).findings as FindingNode[];
      return all.find((f) => f.feature === 'sealed.open.rate');
    }, "the reader's finding");
    expect(found).toMatchObject({ credentialId: world.ids.reg, action: 'alert', recomputed: true });
    // The parties' principals do not supervise the regulator: its findings are not theirs.
    expect((await findingsAs('pa.key')).map((f) => f.feature)).not.toContain('sealed.open.rate');
  });
});
