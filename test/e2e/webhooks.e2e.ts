import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { serialiseKeyPair } from '@signet/formats';
import {
  createVerifyWorld,
  runCli,
  depositThrough,
  startSignetStack,
  waitForStatus,
  type SignetStack,
  type VerifyWorld,
  type WorldMember,
} from '@signet/testing';

interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
  verified: boolean;
}

/** A subscriber's endpoint: records what arrives, checking each signature with standardwebhooks. */
class Subscriber {
  readonly received: Received[] = [];
  secret = '';
  /** While set, requests are recorded and then left unanswered (to kill Signet mid-delivery). */
  hold: ((id: string) => void) | null = null;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const headers = request.headers as IncomingHttpHeaders & Record<string, string>;
        let verified = false;
        try {
          new Webhook(this.secret).verify(body, headers);
          verified = true;
        } catch {
          verified = false;
        }
        const parsed = JSON.parse(body) as { type: string; data: Record<string, unknown> };
        this.received.push({ id: headers['webhook-id'], type: parsed.type, data: parsed.data, verified });
        if (this.hold) return this.hold(headers['webhook-id']);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async until(predicate: (all: Received[]) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.received)}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}

/** The extensions.code Signet refused with (the SDK's error carries it), or OK. */
const refusalCode = (work: Promise<unknown>): Promise<string> =>
  work.then(
    () => 'OK',
    (error: Error & { code?: string }) => error.code ?? error.message,
  );

const ADD = `mutation ($url: String!, $events: [String!]!) {
  addWebhook(url: $url, events: $events) { id secret enabled events }
}`;

/**
 * Signed webhooks against the running service: each organisation's endpoint receives its
 * own agreements' events, signed by the Standard Webhooks spec, and nothing of another's;
 * a delivery cut short by SIGKILL is made again after restart with the same webhook-id;
 * private addresses are refused unless the operator allows them.
 */
describe('signed webhooks', () => {
  let stack: SignetStack;
  let world: VerifyWorld;
  const acme = new Subscriber();
  const initech = new Subscriber();
  const regulator = new Subscriber();

  const subscribe = async (
    member: WorldMember,
    subscriber: Subscriber,
    events: string[],
  ): Promise<string> => {
    const { addWebhook } = await member.client.request<{ addWebhook: { id: string; secret: string } }>(ADD, {
      url: subscriber.url,
      events,
    });
    subscriber.secret = addWebhook.secret;
    return addWebhook.id;
  };

  beforeAll(async () => {
    stack = await startSignetStack('signet_webhooks_e2e', { SIGNET_WEBHOOK_ALLOW_PRIVATE: '1' });
    world = await createVerifyWorld(stack.signet.url, stack.signet.dataDir);
    await acme.start();
    await initech.start();
    await regulator.start();
  });

  afterAll(async () => {
    await stack?.stop();
    await acme.stop();
    await initech.stop();
    await regulator.stop();
  });

  it("delivers agreement.final for an organisation's own deposit, signed, and nothing of another's", async () => {
    await subscribe(world.agents.acme, acme, ['agreement.final', 'agreement.anchored', 'sealed.opened']);
    const initechHook = await subscribe(world.agents.initech, initech, ['agreement.final']);
    await subscribe(world.regulators.de, regulator, ['agreement.final', 'sealed.opened']);
    const { acme: a, globex, initech: i } = world.agents;
    const ours = await depositThrough(world, [a, globex], ['DE'], 'Acme supplies 1,000 widgets to Globex.');
    const theirs = await depositThrough(
      world,
      [i, globex],
      ['FR'],
      'Initech licenses its reports to Globex.',
    );
    await waitForStatus(a.client, ours.blockchainId, 'FINAL');
    await waitForStatus(i.client, theirs.blockchainId, 'FINAL');

    await acme.until(
      (all) => all.some((r) => r.type === 'agreement.final' && r.data.agreementId === ours.agreementId),
      "acme's agreement.final",
    );
    await initech.until(
      (all) => all.some((r) => r.type === 'agreement.final' && r.data.agreementId === theirs.agreementId),
      "initech's agreement.final",
    );
    expect(acme.received.every((r) => r.verified)).toBe(true);
    expect(initech.received.every((r) => r.verified)).toBe(true);
    expect(acme.received.map((r) => r.type)).toEqual(
      expect.arrayContaining(['agreement.anchored', 'agreement.final']),
    );
    // Neither ever sees the other's agreement; initech asked for agreement.final only.
    expect(acme.received.filter((r) => r.data.agreementId === theirs.agreementId)).toEqual([]);
    expect(initech.received.filter((r) => r.data.agreementId === ours.agreementId)).toEqual([]);
    expect(initech.received.every((r) => r.type === 'agreement.final')).toBe(true);
    // DE's regulator gets the DE agreement, not the FR one.
    await regulator.until(
      (all) => all.some((r) => r.type === 'agreement.final' && r.data.agreementId === ours.agreementId),
      "the DE regulator's agreement.final",
    );
    expect(regulator.received.filter((r) => r.data.agreementId === theirs.agreementId)).toEqual([]);
    // Subscriptions are scoped too: Globex (same agreements, own organisation) sees none of them.
    const list = (member: WorldMember) =>
      member.client.request<{ webhooks: Array<{ id: string }> }>('{ webhooks { id } }');
    expect((await list(globex)).webhooks).toEqual([]);
    expect((await list(a)).webhooks).toHaveLength(1);
    expect(
      await refusalCode(
        a.client.request('mutation ($id: String!) { removeWebhook(id: $id) }', { id: initechHook }),
      ),
    ).toBe('NOT_FOUND');

    // A read with a stated purpose is told to the parties.
    await world.regulators.de.client.request(
      'mutation ($id: String!, $p: String!) { openSealed(id: $id, purpose: $p) { agreementId } }',
      { id: ours.blockchainId, p: 'market supervision' },
    );
    await acme.until(
      (all) => all.some((r) => r.type === 'sealed.opened' && r.data.purpose === 'market supervision'),
      'sealed.opened',
    );
    const opened = acme.received.find((r) => r.type === 'sealed.opened')!;
    expect(opened.data).toMatchObject({ agreementId: ours.agreementId, reader: world.regulators.de.id });
    // Who read is the parties' to know, not other regulators'.
    expect(regulator.received.some((r) => r.type === 'sealed.opened')).toBe(false);

    const { webhookDeliveries } = await world.agents.acme.client.request<{
      webhookDeliveries: Array<{ id: string; status: string }>;
    }>('query ($id: String!) { webhookDeliveries(id: $id) { id status } }', {
      id: (await world.agents.acme.client.request<{ webhooks: Array<{ id: string }> }>('{ webhooks { id } }'))
        .webhooks[0].id,
    });
    expect(webhookDeliveries.length).toBeGreaterThanOrEqual(3);
  });

  it('is driven from the CLI: add, list, test, deliveries, remove', async () => {
    const globexHooks = new Subscriber();
    await globexHooks.start();
    try {
      const keyFile = join(mkdtempSync(join(tmpdir(), 'signet-hooks-')), 'globex.key');
      writeFileSync(keyFile, serialiseKeyPair(world.agents.globex.keys), { mode: 0o600 });
      const cli = (...args: string[]) =>
        runCli(['--url', stack.signet.url, '--key', keyFile, '--json', 'webhooks', ...args]);
      const added = await cli('add', globexHooks.url, '--events', 'agreement.terminated,credential.revoked');
      expect(added.code).toBe(0);
      const { id, secret } = added.json<{ id: string; secret: string }>();
      globexHooks.secret = secret;
      expect(
        (await cli('list')).json<{ webhooks: Array<{ id: string }> }>().webhooks.map((w) => w.id),
      ).toEqual([id]);
      const tested = (await cli('test', id)).json<{ result: string }>().result;
      await globexHooks.until((all) => all.some((r) => r.id === tested), 'the test delivery');
      expect(globexHooks.received).toEqual([
        expect.objectContaining({ type: 'webhook.test', verified: true }),
      ]);
      const log = (await cli('deliveries', id)).json<{ result: Array<{ id: string; status: string }> }>()
        .result;
      for (let tries = 0; log[0]?.status !== 'DELIVERED' && tries < 20; tries++) {
        await new Promise((done) => setTimeout(done, 250));
        log.splice(0, log.length, ...(await cli('deliveries', id)).json<{ result: typeof log }>().result);
      }
      expect(log).toEqual([expect.objectContaining({ id: tested, status: 'DELIVERED' })]);
      expect((await cli('remove', id)).code).toBe(0);
      expect((await cli('list')).json<{ webhooks: unknown[] }>().webhooks).toEqual([]);
      expect((await cli('remove', id)).code).toBe(1);
    } finally {
      await globexHooks.stop();
    }
  });

  it('delivers again, with the same webhook-id, after Signet is killed mid-delivery', async () => {
    let held: (id: string) => void = () => undefined;
    const firstHeld = new Promise<string>((done) => (held = done));
    acme.hold = (id) => held(id);
    const before = acme.received.length;
    const deal = await depositThrough(
      world,
      [world.agents.acme, world.agents.globex],
      ['DE'],
      'Acme rents a warehouse from Globex.',
    );
    const heldId = await firstHeld;
    stack.signet.kill('SIGKILL');
    await stack.signet.exited;
    const atKill = acme.received.length;
    acme.hold = null;
    await stack.restart();
    await acme.until(
      (all) => all.slice(before).filter((r) => r.id === heldId).length >= 2,
      `a second delivery of ${heldId}`,
      90_000,
    );
    await acme.until(
      (all) => all.some((r) => r.type === 'agreement.final' && r.data.agreementId === deal.agreementId),
      'the new deal, final',
      90_000,
    );
    // Every delivery left unanswered by the kill arrived again after the restart, under its own id.
    const unanswered = new Set(acme.received.slice(before, atKill).map((r) => r.id));
    const again = new Set(acme.received.slice(atKill).map((r) => r.id));
    expect([...unanswered].filter((id) => !again.has(id))).toEqual([]);
    expect(acme.received.every((r) => r.verified)).toBe(true);
  });

  it('refuses loopback, private and link-local URLs unless allowed, at subscribe and at delivery', async () => {
    await stack.signet.stop();
    stack.env.SIGNET_WEBHOOK_ALLOW_PRIVATE = '';
    const signet = await stack.restart();
    expect(signet.url).toBeTruthy();
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://169.254.169.254/latest',
      'http://10.0.0.1/',
      'http://[::1]/',
    ]) {
      expect(
        await refusalCode(world.agents.acme.client.request(ADD, { url, events: ['agreement.final'] })),
      ).toBe('WEBHOOK_URL_FORBIDDEN');
    }
    expect(
      await refusalCode(world.agents.acme.client.request(ADD, { url: acme.url, events: ['agreement.nope'] })),
    ).toBe('BAD_INPUT');
    // The subscription made while private addresses were allowed is refused at delivery now.
    const { webhooks } = await world.agents.acme.client.request<{ webhooks: Array<{ id: string }> }>(
      '{ webhooks { id } }',
    );
    const before = acme.received.length;
    await world.agents.acme.client.request('mutation ($id: String!) { testWebhook(id: $id) }', {
      id: webhooks[0].id,
    });
    const deadline = Date.now() + 30_000;
    let log: Array<{ type: string; lastError: string | null }> = [];
    while (Date.now() < deadline) {
      log = (
        await world.agents.acme.client.request<{ webhookDeliveries: typeof log }>(
          'query ($id: String!) { webhookDeliveries(id: $id, first: 1) { type lastError } }',
          { id: webhooks[0].id },
        )
      ).webhookDeliveries;
      if (log[0]?.lastError) break;
      await new Promise((done) => setTimeout(done, 250));
    }
    expect(log[0]).toMatchObject({ type: 'webhook.test' });
    expect(log[0].lastError).toContain('loopback, private or link-local');
    expect(acme.received.length).toBe(before);
  });
});
