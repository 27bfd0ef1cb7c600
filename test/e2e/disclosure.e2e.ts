import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JsonRpcProvider } from 'ethers';
import { registryInterface, topicOf } from '@signet/chain';
import { decodeDisclosure } from '@signet/formats';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { SignetClient } from '@signet/sdk';
import {
  createCliWorld,
  projectRoot,
  runCli,
  startSignetProcess,
  type CliWorld,
  type SignetProcess,
} from '@signet/testing';
import { addPolicyCast, depositAs } from './policy-cast';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const CARBON = {
  type: 'CARBON-CREDIT',
  jurisdictions: ['SG'],
  effectiveAt: '2026-06-01',
  expiresAt: '2027-06-01T12:00:00Z',
  value: '250000',
  currency: 'SGD',
  terms: { tonnes: 5000 },
};

interface Verdict {
  valid: boolean;
  checks: Array<{ name: string; ok: boolean; detail: string }>;
  disclosed: Record<string, unknown> | null;
}

/**
 * Issue 21 item 5 through the CLI: with the SG pack (2026.2) active, a CARBON-CREDIT deal's
 * public metadata goes on chain with its record, `signet verify` against the chain alone
 * decodes it and passes, and a receipt whose metadata was changed fails `disclosure`; a deal
 * of another type stays hashed, with no AgreementDisclosed log.
 */
describe('public metadata on chain', () => {
  let anvil: AnvilHandle;
  let signet: SignetProcess;
  let world: CliWorld;
  let provider: JsonRpcProvider;
  let registry: string;

  beforeAll(async () => {
    anvil = await startAnvil({ blockTime: 1 });
    signet = await startSignetProcess({
      env: { CHAIN_RPC_URL: anvil.rpcUrl, ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY, ANCHOR_INTERVAL_MS: '200' },
    });
    world = await createCliWorld(signet);
    await addPolicyCast(world);
    const pack = await world.operator('admin', 'policy', 'publish', join(projectRoot(), 'policies', 'SG'));
    await world.operator('admin', 'policy', 'activate', '--jurisdiction', 'SG', '--pack', String(pack.id));
    registry = (await new SignetClient(signet.url).status()).registryAddress;
    provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });
  });

  afterAll(async () => {
    provider?.destroy();
    await signet?.stop();
    await anvil?.stop();
  });

  const disclosedLogs = (agreementId: string) =>
    provider.getLogs({
      address: registry,
      topics: [topicOf('AgreementDisclosed'), agreementId],
      fromBlock: 0,
    });
  const verify = async (id: string, receipt: string, json = true) =>
    json
      ? world.run('verify', id, '--rpc', anvil.rpcUrl, '--receipt', receipt)
      : runCli(['verify', id, '--rpc', anvil.rpcUrl, '--receipt', receipt], { cwd: world.work });

  it('anchors a disclosed deal with its metadata on chain, and verify decodes it and passes', async () => {
    const deposited = (await depositAs(world, ['c', 'd'], 'carbon', CARBON)).json<{
      id: string;
      status: string;
    }>();
    const hashed = (await depositAs(world, ['c', 'd'], 'plain', { ...CARBON, type: 'supply' })).json<{
      id: string;
    }>();
    expect(deposited.status).toBe('PENDING_ANCHOR');
    await world.waitForStatus(deposited.id, 'FINAL', 'c.key');
    await world.waitForStatus(hashed.id, 'FINAL', 'c.key');
    const status = await world.as('c.key', 'status', deposited.id);
    expect((status.policyDecision as { disclosure: string }).disclosure).toBe('public');
    const agreementId = String(status.agreementId);
    const parties = [world.ids.c, world.ids.d];

    // On chain: one AgreementDisclosed in the record's transaction, no value, currency or terms.
    const [log, ...more] = await disclosedLogs(agreementId);
    expect(more).toEqual([]);
    expect(log.transactionHash).toBe((status.anchor as { txHash: string }).txHash);
    const event = registryInterface.decodeEventLog('AgreementDisclosed', log.data, log.topics);
    expect(decodeDisclosure(String(event.getValue('metadata')))).toEqual({
      type: 'CARBON-CREDIT',
      parties,
      jurisdictions: ['SG'],
      effectiveAt: '2026-06-01',
      expiresAt: '2027-06-01T12:00:00Z',
      parentId: null,
    });
    const hashedId = String((await world.as('c.key', 'status', hashed.id)).agreementId);
    expect(await disclosedLogs(hashedId)).toEqual([]);

    await world.as('c.key', 'receipt', deposited.id, '--out', 'carbon.receipt');
    const good = await verify(deposited.id, 'carbon.receipt');
    const verdict = good.json<Verdict>();
    expect(verdict.checks.filter((check) => !check.ok)).toEqual([]);
    expect(good.code).toBe(0);
    expect(verdict.checks.find((check) => check.name === 'disclosure')?.detail).toContain(
      'type CARBON-CREDIT',
    );
    expect(verdict.disclosed).toMatchObject({ type: 'CARBON-CREDIT', parties, jurisdictions: ['SG'] });
    const human = await verify(deposited.id, 'carbon.receipt', false);
    expect(human.stdout).toContain('public metadata on chain (AgreementDisclosed):');
    expect(human.stdout).toContain('expires       2027-06-01T12:00:00Z');

    // The hashed deal verifies without a disclosure check at all.
    await world.as('c.key', 'receipt', hashed.id, '--out', 'plain.receipt');
    const plain = (await verify(hashed.id, 'plain.receipt')).json<Verdict>();
    expect(plain.valid).toBe(true);
    expect(plain.checks.some((check) => check.name === 'disclosure')).toBe(false);
    expect(plain.disclosed).toBeNull();

    // A receipt whose metadata was changed no longer matches what the chain discloses.
    const receipt = JSON.parse(readFileSync(join(world.work, 'carbon.receipt'), 'utf8')) as {
      metadata: Record<string, unknown>;
    };
    receipt.metadata.expiresAt = '2030-01-01';
    writeFileSync(join(world.work, 'tampered.receipt'), JSON.stringify(receipt));
    const tampered = await verify(deposited.id, 'tampered.receipt');
    expect(tampered.code).toBe(1);
    const bad = tampered.json<Verdict>().checks.find((check) => check.name === 'disclosure');
    expect(bad).toMatchObject({ ok: false });
    expect(bad?.detail).toMatch(/in: expiresAt$/);
  }, 240_000);

  it("shows the disclosure check in the service's public verdict too", async () => {
    const deposited = (await depositAs(world, ['c', 'd'], 'carbon2', CARBON)).json<{ id: string }>();
    await world.waitForStatus(deposited.id, 'FINAL', 'c.key');
    const { verify: verdict } = await new SignetClient(signet.url).request<{ verify: Verdict }>(
      'query ($id: String!) { verify(blockchainId: $id) { valid checks { name ok detail } } }',
      { id: deposited.id },
    );
    expect(verdict.checks.find((check) => check.name === 'disclosure')).toMatchObject({ ok: true });
    expect(verdict.valid).toBe(true);
  }, 120_000);
});
