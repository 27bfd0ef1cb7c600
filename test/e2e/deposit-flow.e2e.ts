import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import {
  createCliWorld,
  runCli,
  startSignetProcess,
  type CliWorld,
  type SignetProcess,
} from '@signet/testing';

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
  let world: CliWorld;
  let deal: string;

  beforeAll(async () => {
    anvil = await startAnvil({ blockTime: 1 });
    signet = await startSignetProcess({
      env: {
        CHAIN_RPC_URL: anvil.rpcUrl,
        ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
        CONFIRMATIONS: '2',
        ANCHOR_INTERVAL_MS: '200',
      },
    });
    world = await createCliWorld(signet);
  });

  afterAll(async () => {
    await signet?.stop();
    await anvil?.stop();
  });

  const base = () => ({
    parties: [world.ids.a, world.ids.b],
    jurisdictions: ['DE'],
    effectiveAt: '2026-01-01',
    expiresAt: '2031-01-01',
  });

  it('anchors an NDA, a deal linked to it, and an over-mandate deal once both principals ratify', async () => {
    const nda = await world.agree(
      'nda',
      { ...base(), type: 'nda' },
      'Mutual non-disclosure between Acme and Globex.',
    );
    expect(nda.status).toBe('PENDING_ANCHOR');
    await world.waitForStatus(String(nda.id), 'FINAL');

    const ndaId = String(nda.agreementId);
    const supply = await world.agree(
      'deal',
      { ...base(), type: 'supply', value: '50000', currency: 'EUR', parentId: ndaId },
      'Acme supplies 1,000 widgets to Globex.',
    );
    await world.waitForStatus(String(supply.id), 'FINAL');
    deal = String(supply.id);

    const big = await world.agree(
      'big',
      { ...base(), type: 'supply', value: '250000', currency: 'EUR', parentId: ndaId },
      'Acme supplies 5,000 widgets to Globex.',
    );
    expect(big.status).toBe('PENDING_RATIFICATION');
    expect((await world.as('pa.key', 'ratify', String(big.id))).status).toBe('PENDING_RATIFICATION');
    expect((await world.as('pb.key', 'ratify', String(big.id))).status).toBe('PENDING_ANCHOR');
    await world.waitForStatus(String(big.id), 'FINAL');
  });

  it('deposits several drafts in one call, refusing only the one a party has not signed', async () => {
    const draft = async (name: string, signers: string[]) => {
      writeFileSync(join(world.work, `${name}.txt`), `Batch agreement ${name} between Acme and Globex.`);
      writeFileSync(join(world.work, `${name}.json`), JSON.stringify({ ...base(), type: 'nda' }));
      await world.as(
        'a.key',
        'draft',
        '--text',
        `${name}.txt`,
        '--meta',
        `${name}.json`,
        '--out',
        `${name}.draft`,
      );
      for (const key of signers) await world.as(key, 'sign', `${name}.draft`);
      return `${name}.draft`;
    };
    const files = [
      await draft('batch-1', ['a.key', 'b.key']),
      await draft('batch-2', ['a.key']),
      await draft('batch-3', ['a.key', 'b.key']),
    ];
    const result = await runCli(['--url', signet.url, '--json', '--key', 'b.key', 'deposit', ...files], {
      cwd: world.work,
    });
    expect(result.code).toBe(1);
    const rows = result.json<Array<{ file: string; id?: string; status?: string; code?: string }>>();
    expect(rows.map((row) => [row.file, row.status ?? row.code])).toEqual([
      ['batch-1.draft', 'PENDING_ANCHOR'],
      ['batch-2.draft', 'MISSING_SIGNATURE'],
      ['batch-3.draft', 'PENDING_ANCHOR'],
    ]);
    await world.waitForStatus(rows[2].id!, 'FINAL');
  });

  it('lets a court verify the deal from its receipt with the chain alone, Signet stopped', async () => {
    await world.as('a.key', 'receipt', deal, '--out', 'deal.receipt');
    await signet.stop();
    const result = await runCli(
      ['--json', 'verify', deal, '--rpc', anvil.rpcUrl, '--receipt', 'deal.receipt'],
      {
        cwd: world.work,
        env: { SIGNET_URL: 'http://127.0.0.1:9' },
      },
    );
    expect(result.code).toBe(0);
    const verdict = result.json<{ valid: boolean; checks: Array<{ name: string; ok: boolean }> }>();
    expect(verdict.valid).toBe(true);
    expect(verdict.checks.every((check) => check.ok)).toBe(true);

    // Searching the chain only after the anchoring block finds no record: the court is told.
    const receipt = JSON.parse(readFileSync(join(world.work, 'deal.receipt'), 'utf8')) as {
      anchor: { blockNumber: number };
    };
    const late = await runCli(
      [
        '--json',
        'verify',
        deal,
        '--rpc',
        anvil.rpcUrl,
        '--receipt',
        'deal.receipt',
        '--from-block',
        String(receipt.anchor.blockNumber + 1),
      ],
      { cwd: world.work },
    );
    expect(late.code).toBe(1);
    expect(late.json<{ valid: boolean }>().valid).toBe(false);
  });
});
