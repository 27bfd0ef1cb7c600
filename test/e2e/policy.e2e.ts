import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonRpcProvider } from 'ethers';
import { topicOf } from '@signet/chain';
import { parsePolicyTests, refusalCode, type PolicyDecision } from '@signet/domain';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { SignetClient } from '@signet/sdk';
import {
  createCliWorld,
  projectRoot,
  startSignetProcess,
  type CliWorld,
  type SignetProcess,
} from '@signet/testing';
import { readKeyFile } from '../../apps/cli/src/keys/key-files';
import { logIn } from '../../apps/cli/src/login';
import { addPolicyCast, checkOffline, depositAs, pairFor, type Pair } from './policy-cast';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const PACKS = join(projectRoot(), 'policies');
const HOMES: Record<string, string> = { c: 'DE', d: 'DE', ma: 'DE', mb: 'DE', u: 'US' };
const base = { jurisdictions: ['DE'], effectiveAt: '2026-06-01', expiresAt: '2028-06-01' };

type Decided = Pick<PolicyDecision, 'outcome' | 'reasons' | 'rules' | 'packs'> & {
  disclosure?: 'public' | 'hashed';
};

/**
 * Issue 21's "done when", through the CLI against the running service: packs published
 * and activated (anchored on chain), deposits decided by them, `signet policy check`
 * agreeing with the service on every test case of every example pack, and a new pack
 * version changing decisions from then on only.
 */
describe('policy packs through the CLI', () => {
  let anvil: AnvilHandle;
  let signet: SignetProcess;
  let world: CliWorld;
  const hashes: Record<string, string> = {};

  beforeAll(async () => {
    anvil = await startAnvil({ blockTime: 1 });
    signet = await startSignetProcess({
      env: { CHAIN_RPC_URL: anvil.rpcUrl, ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY, ANCHOR_INTERVAL_MS: '200' },
    });
    world = await createCliWorld(signet);
    await addPolicyCast(world);
  });

  afterAll(async () => {
    await signet?.stop();
    await anvil?.stop();
  });

  /** The operator's CLI run, whatever its exit code (for refusals). */
  const asOperator = (...args: string[]) => world.run('--key', join(signet.dataDir, 'operator.key'), ...args);
  const decisionOf = async (id: string): Promise<Decided> =>
    (await world.as('c.key', 'status', id)).policyDecision as Decided;

  it('publishes and activates the example packs, anchoring PolicyActivated on chain', async () => {
    for (const jurisdiction of ['EU', 'US', 'SG']) {
      const published = await world.operator('admin', 'policy', 'publish', join(PACKS, jurisdiction));
      hashes[jurisdiction] = String(published.id);
      const again = await world.operator('admin', 'policy', 'publish', join(PACKS, jurisdiction));
      expect(again.id).toBe(published.id);
      await world.operator(
        'admin',
        'policy',
        'activate',
        '--jurisdiction',
        jurisdiction,
        '--pack',
        hashes[jurisdiction],
      );
    }
    const { registryAddress } = await new SignetClient(signet.url).status();
    const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });
    const deadline = Date.now() + 60_000;
    let logs: Array<{ topics: readonly string[] }> = [];
    while (logs.length < 3 && Date.now() < deadline) {
      logs = await provider.getLogs({
        address: registryAddress,
        topics: [topicOf('PolicyActivated')],
        fromBlock: 0,
      });
      if (logs.length < 3) await new Promise((done) => setTimeout(done, 300));
    }
    expect(logs.map((log) => log.topics[2]).sort()).toEqual(Object.values(hashes).sort());
    provider.destroy();
  });

  it('refuses a bad pack and a bad activation, each with its own code, activating nothing', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'signet-pack-'));
    cpSync(join(PACKS, 'EU'), broken, { recursive: true });
    const data = JSON.parse(readFileSync(join(broken, 'pack.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(broken, 'pack.json'), JSON.stringify({ ...data, disclosure: 'sometimes' }));
    const malformed = await asOperator('admin', 'policy', 'publish', broken);
    expect(malformed.code).toBe(1);
    expect(malformed.json<{ error: { code: string } }>().error.code).toBe('INVALID_POLICY_PACK');
    expect(malformed.stderr).toContain('pack.json.disclosure');

    writeFileSync(
      join(broken, 'pack.json'),
      JSON.stringify({ ...data, thresholds: { '*': { EUR: '2000000' } } }),
    );
    const failing = await asOperator('admin', 'policy', 'publish', broken);
    expect(failing.json<{ error: { code: string } }>().error.code).toBe('POLICY_TEST_FAILED');
    expect(failing.stderr).toContain('a supply over 1,000,000 EUR waits for a principal (THRESHOLD)');

    const activate = (jurisdiction: string, pack: string) =>
      asOperator('admin', 'policy', 'activate', '--jurisdiction', jurisdiction, '--pack', pack);
    const unknownPack = await activate('EU', `0x${'ab'.repeat(32)}`);
    expect(unknownPack.json<{ error: { code: string } }>().error.code).toBe('POLICY_PACK_UNKNOWN');
    const otherJurisdiction = await activate('FR', hashes.EU);
    expect(otherJurisdiction.json<{ error: { code: string } }>().error.code).toBe('JURISDICTION_UNKNOWN');
    const listed = await new SignetClient(signet.url).request<{
      policyPacks: Array<{ hash: string; active: boolean }>;
    }>('query { policyPacks(jurisdiction: "EU") { hash active } }');
    expect(listed.policyPacks).toEqual([{ hash: hashes.EU, active: true }]);
  });

  // One test per pack: a case is four CLI runs and a deposit, slow on a loaded machine.
  it.each(['EU', 'US', 'SG'])(
    'agrees with `signet policy check` on every test case of the %s pack',
    async (jurisdiction) => {
      {
        const dir = join(PACKS, jurisdiction);
        const cases = parsePolicyTests(readFileSync(join(dir, 'tests.json'), 'utf8'));
        for (const [index, { name, input, expect: expected }] of cases.entries()) {
          const tag = `${jurisdiction.toLowerCase()}${index}`;
          const pair: Pair = pairFor(input);
          let parentId: string | undefined;
          if (input.parent) {
            const nda = await depositAs(world, pair, `${tag}-nda`, {
              type: 'nda',
              jurisdictions: input.deal.jurisdictions,
              effectiveAt: input.parent.effectiveAt,
              expiresAt: '2031-01-01',
              terms: input.parent.terms,
            });
            parentId = String(nda.json<{ agreementId: string }>().agreementId);
          }
          const deposited = await depositAs(world, pair, tag, {
            ...input.deal,
            ...(parentId ? { parentId } : {}),
          });
          const checked = await checkOffline(world, `${tag}.draft`, [dir], {
            parent: input.parent ? `${tag}-nda.draft` : undefined,
            homes: pair.map((key) => HOMES[key]),
            mandateExceeded: input.mandateExceeded,
          });
          const offline = checked.json<Decided & { error?: { code: string; message: string } }>();
          const online = deposited.json<{ id?: string; error?: { code: string; message: string } }>();
          if (expected.error) {
            expect({ name, service: online.error?.code, cli: offline.error?.code }).toEqual({
              name,
              service: expected.error,
              cli: expected.error,
            });
          } else if (offline.outcome === 'refuse') {
            const refusals = offline.reasons.filter((reason) => reason.outcome === 'refuse');
            expect({ name, code: online.error?.code, message: online.error?.message }).toEqual({
              name,
              code: refusalCode(offline),
              message: refusals.map((reason) => reason.message).join('; '),
            });
          } else {
            const service = await decisionOf(String(online.id));
            const { outcome, reasons, rules, packs, disclosure } = offline;
            expect({ name, ...service }).toEqual({ name, outcome, reasons, rules, packs, disclosure });
            expect(service.outcome).toBe(expected.outcome);
            if (expected.disclosure) expect(service.disclosure).toBe(expected.disclosure);
          }
        }
      }
    },
    900_000,
  );

  it('holds an over-threshold deal within mandates for both principals, who see why and ratify it', async () => {
    const deal = await depositAs(world, ['c', 'd'], 'big', {
      ...base,
      type: 'supply',
      value: '1500000',
      currency: 'EUR',
      terms: { template: TEMPLATE },
    });
    const { id, status } = deal.json<{ id: string; status: string }>();
    expect(status).toBe('PENDING_RATIFICATION');
    expect((await decisionOf(id)).reasons.map((reason) => reason.code)).toEqual(['THRESHOLD']);

    const principal = new SignetClient(signet.url);
    await logIn(principal, await readKeyFile(join(world.work, 'pa.key')));
    const { agreements } = await principal.request<{
      agreements: {
        edges: Array<{ node: { id: string; policyDecision: { reasons: Array<{ code: string }> } } }>;
      };
    }>(
      'query { agreements(filter: { status: PENDING_RATIFICATION }) { edges { node { id policyDecision { reasons { code } } } } } }',
    );
    const held = agreements.edges.find(({ node }) => node.id === id);
    expect(held?.node.policyDecision.reasons).toEqual([{ code: 'THRESHOLD' }]);

    expect((await world.as('pa.key', 'ratify', id)).status).toBe('PENDING_RATIFICATION');
    expect((await world.as('pb.key', 'ratify', id)).status).toBe('PENDING_ANCHOR');
  });

  it('decides with a new pack version from its activation on; earlier agreements keep theirs', async () => {
    const before = await depositAs(world, ['c', 'd'], 'v1', {
      ...base,
      type: 'supply',
      value: '1500000',
      currency: 'EUR',
      terms: { template: TEMPLATE },
    });
    const v2 = mkdtempSync(join(tmpdir(), 'signet-pack-'));
    cpSync(join(PACKS, 'EU'), v2, { recursive: true });
    const data = JSON.parse(readFileSync(join(v2, 'pack.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(v2, 'pack.json'),
      JSON.stringify({ ...data, version: '2026.2-example', thresholds: { '*': { EUR: '2000000' } } }),
    );
    writeFileSync(
      join(v2, 'tests.json'),
      readFileSync(join(v2, 'tests.json'), 'utf8')
        .replace('"1500000"', '"2500000"')
        .replace('"2000000"', '"3000000"'),
    );
    const published = await world.operator('admin', 'policy', 'publish', v2);
    await world.operator(
      'admin',
      'policy',
      'activate',
      '--jurisdiction',
      'EU',
      '--pack',
      String(published.id),
    );

    const at = await depositAs(world, ['c', 'd'], 'v2', {
      ...base,
      type: 'supply',
      value: '1500000',
      currency: 'EUR',
      terms: { template: TEMPLATE },
    });
    const after = at.json<{ id: string; status: string }>();
    expect(after.status).toBe('PENDING_ANCHOR');
    expect(before.json<{ status: string }>().status).toBe('PENDING_RATIFICATION');
    expect((await decisionOf(after.id)).packs).toEqual([{ jurisdiction: 'EU', hash: published.id }]);
    const earlier = before.json<{ id: string }>();
    expect((await decisionOf(earlier.id)).packs).toEqual([{ jurisdiction: 'EU', hash: hashes.EU }]);
  });
});

const TEMPLATE = '0x587b788004d0131bc5591382df7c262dc602b7e6bc4023d172f4ccd910f64b25';
