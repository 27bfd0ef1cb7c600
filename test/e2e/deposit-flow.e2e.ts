import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { runCli, startSignetProcess, type SignetProcess } from '@signet/testing';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/**
 * Issue 5's user story, through the CLI against the running service: two agents of two
 * organisations deposit an NDA, then a deal linked to it, and a third deal beyond their
 * mandates that waits for both principals. The chain runs apart from Signet, so that the
 * court can verify from the receipt after Signet is gone.
 */
describe('deposit, ratify, anchor and verify through the CLI', () => {
  let anvil: AnvilHandle;
  let signet: SignetProcess;
  let work: string;
  const ids: Record<string, string> = {};

  const cli = async (...args: string[]) => {
    const result = await runCli(['--url', signet.url, '--json', ...args], { cwd: work });
    if (result.code !== 0)
      throw new Error(`signet ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.json<Record<string, unknown>>();
  };
  const as = (key: string, ...args: string[]) => cli('--key', key, ...args);
  const operator = (...args: string[]) => as(join(signet.dataDir, 'operator.key'), ...args);

  async function waitFor(id: string, wanted: string, key = 'a.key'): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { status } = await as(key, 'status', id);
      if (status === wanted) return;
      if (Date.now() > deadline) throw new Error(`${id} stayed ${String(status)}, wanted ${wanted}`);
      await new Promise((done) => setTimeout(done, 300));
    }
  }

  async function agree(
    name: string,
    metadata: Record<string, unknown>,
    text: string,
  ): Promise<Record<string, unknown>> {
    writeFileSync(join(work, `${name}.txt`), text);
    writeFileSync(join(work, `${name}.json`), JSON.stringify(metadata));
    await as('a.key', 'draft', '--text', `${name}.txt`, '--meta', `${name}.json`, '--out', `${name}.draft`);
    await as('a.key', 'sign', `${name}.draft`);
    await as('b.key', 'sign', `${name}.draft`);
    return as('b.key', 'deposit', `${name}.draft`);
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'signet-flow-'));
    anvil = await startAnvil({ blockTime: 1 });
    signet = await startSignetProcess({
      env: {
        CHAIN_RPC_URL: anvil.rpcUrl,
        ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
        CONFIRMATIONS: '2',
        ANCHOR_INTERVAL_MS: '200',
      },
    });
    for (const name of ['a', 'b', 'pa', 'pb', 'reg']) await cli('keys', 'new', '--out', `${name}.key`);
    await operator('admin', 'org', 'add', 'Acme', '--jurisdiction', 'DE');
    await operator('admin', 'org', 'add', 'Globex', '--jurisdiction', 'DE');
    const issue = async (...args: string[]) => String((await operator('admin', 'issue', ...args)).id);
    ids.pa = await issue('--role', 'principal', '--org', 'Acme', '--pub', 'pa.key.pub');
    ids.pb = await issue('--role', 'principal', '--org', 'Globex', '--pub', 'pb.key.pub');
    const mandate = ['--max-value', '100000', '--currency', 'EUR'];
    ids.a = await issue(
      '--role',
      'agent',
      '--org',
      'Acme',
      '--pub',
      'a.key.pub',
      '--principal',
      ids.pa,
      ...mandate,
    );
    ids.b = await issue(
      '--role',
      'agent',
      '--org',
      'Globex',
      '--pub',
      'b.key.pub',
      '--principal',
      ids.pb,
      ...mandate,
    );
    ids.reg = await issue(
      '--role',
      'regulator',
      '--org',
      'Acme',
      '--pub',
      'reg.key.pub',
      '--jurisdiction',
      'DE',
    );
    await operator('admin', 'designate', '--jurisdiction', 'DE', '--regulator', ids.reg);
  });

  afterAll(async () => {
    await signet?.stop();
    await anvil?.stop();
  });

  const base = () => ({
    parties: [ids.a, ids.b],
    jurisdictions: ['DE'],
    effectiveAt: '2026-01-01',
    expiresAt: '2031-01-01',
  });

  it('anchors an NDA, a deal linked to it, and an over-mandate deal once both principals ratify', async () => {
    const nda = await agree(
      'nda',
      { ...base(), type: 'nda' },
      'Mutual non-disclosure between Acme and Globex.',
    );
    expect(nda.status).toBe('PENDING_ANCHOR');
    await waitFor(String(nda.id), 'FINAL');
    ids.nda = String(nda.id);

    const ndaId = String(nda.agreementId);
    const deal = await agree(
      'deal',
      { ...base(), type: 'supply', value: '50000', currency: 'EUR', parentId: ndaId },
      'Acme supplies 1,000 widgets to Globex.',
    );
    await waitFor(String(deal.id), 'FINAL');
    ids.deal = String(deal.id);

    const big = await agree(
      'big',
      { ...base(), type: 'supply', value: '250000', currency: 'EUR', parentId: ndaId },
      'Acme supplies 5,000 widgets to Globex.',
    );
    expect(big.status).toBe('PENDING_RATIFICATION');
    expect((await as('pa.key', 'ratify', String(big.id))).status).toBe('PENDING_RATIFICATION');
    expect((await as('pb.key', 'ratify', String(big.id))).status).toBe('PENDING_ANCHOR');
    await waitFor(String(big.id), 'FINAL');
  });

  it('lets a court verify the deal from its receipt with the chain alone, Signet stopped', async () => {
    await as('a.key', 'receipt', ids.deal, '--out', 'deal.receipt');
    await signet.stop();
    const result = await runCli(
      ['--json', 'verify', ids.deal, '--rpc', anvil.rpcUrl, '--receipt', 'deal.receipt'],
      {
        cwd: work,
        env: { SIGNET_URL: 'http://127.0.0.1:9' },
      },
    );
    expect(result.code).toBe(0);
    const verdict = result.json<{ valid: boolean; checks: Array<{ name: string; ok: boolean }> }>();
    expect(verdict.valid).toBe(true);
    expect(verdict.checks.every((check) => check.ok)).toBe(true);
  });
});
