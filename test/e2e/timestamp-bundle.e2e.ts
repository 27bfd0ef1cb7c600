import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64, keccak256Hex, toBase64, utf8 } from '@signet/formats';
import {
  createVerifyWorld,
  depositThrough,
  runCli,
  startSignetStack,
  startTestTsa,
  waitForStatus,
  type SignetStack,
  type TestTsa,
} from '@signet/testing';

interface Verdict {
  valid: boolean;
  checks: Array<{ name: string; ok: boolean; detail: string }>;
  warnings: string[];
  timestamp: { genTime: string; tsa: string; root: string; pinned: boolean } | null;
}

interface Bundle {
  receipt: { anchor: { batchRoot: string } };
  timestamp?: { token: string; certificates: string[] };
  auditCheckpoint?: { sequence: number; events: Array<{ action: string }> };
}

const failed = (verdict: Verdict): string[] => verdict.checks.filter((c) => !c.ok).map((c) => c.name);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Legal timestamps and the audit checkpoint (FORMATS.md §15–16) through the running
 * service: with the TSA down the deal is anchored all the same and the failure counted;
 * once it answers, the token is obtained and lands in the evidence bundle beside the audit
 * checkpoint; with Signet stopped, `signet verify --bundle` checks both from the chain and
 * the file alone, and names the check a wrong root, a tampered token or an edited audit
 * event fails.
 */
describe('RFC 3161 timestamps and the audit checkpoint in the bundle', () => {
  let tsa: TestTsa;
  let stack: SignetStack;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'signet-tsa-e2e-'));
    tsa = await startTestTsa();
    writeFileSync(join(work, 'root.pem'), tsa.rootPem);
    tsa.mode = 'down';
    stack = await startSignetStack('signet_timestamps_e2e', {
      TSA_URL: tsa.url,
      TSA_TIMEOUT_MS: '2000',
      SIGNET_AUDIT_CHECKPOINT_SECONDS: '1',
    });
  });

  afterAll(async () => {
    await stack?.stop().catch(() => undefined);
    await tsa?.stop();
  });

  it('anchors while the TSA is down, timestamps later, and verifies offline', async () => {
    const world = await createVerifyWorld(stack.signet.url, stack.signet.dataDir);
    const { acme, globex } = world.agents;
    const deal = await depositThrough(world, [acme, globex], ['DE'], 'Acme sells Globex 10 tonnes of steel.');
    await waitForStatus(acme.client, deal.blockchainId, 'FINAL');
    const early = JSON.parse((await acme.client.evidenceBundle(deal.blockchainId))!) as Bundle;
    expect(early.timestamp).toBeUndefined();
    const metrics = await (await fetch(`${stack.signet.url}/metrics`)).text();
    expect(Number(/^signet_tsa_failures_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);

    tsa.mode = 'up';
    const text = await until('the token and the checkpoint', async () => {
      const bundle = (await acme.client.evidenceBundle(deal.blockchainId))!;
      const parsed = JSON.parse(bundle) as Bundle;
      return parsed.timestamp && parsed.auditCheckpoint ? bundle : undefined;
    });
    const bundle = JSON.parse(text) as Bundle;
    expect(bundle.auditCheckpoint!.events.map((e) => e.action)).toContain('agreement.deposit');
    writeFileSync(join(work, 'deal.bundle'), text);
    await stack.signet.stop();

    const court = async (file: string, ...extra: string[]) => {
      const result = await runCli(
        ['--json', 'verify', deal.blockchainId, '--bundle', file, '--rpc', stack.anvil.rpcUrl, ...extra],
        { cwd: work, env: { SIGNET_URL: 'http://127.0.0.1:9' } },
      );
      if (result.code > 1) throw new Error(`verify exited ${result.code}: ${result.stderr}`);
      return { ...result.json<Verdict>(), code: result.code };
    };
    const write = (name: string, changed: Bundle) => {
      writeFileSync(join(work, name), JSON.stringify(changed));
      return name;
    };

    const ok = await court('deal.bundle', '--tsa-ca', 'root.pem');
    expect(failed(ok)).toEqual([]);
    expect(ok.code).toBe(0);
    const names = ok.checks.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['timestamp-imprint', 'timestamp-signature', 'audit-checkpoint', 'audit-chain']),
    );
    expect(names.indexOf('timestamp-imprint')).toBeLessThan(names.indexOf('timestamp-signature'));
    expect(ok.timestamp).toMatchObject({ tsa: 'CN=Signet Test TSA, O=Signet tests', pinned: true });
    expect(Date.parse(ok.timestamp!.genTime)).toBeGreaterThan(Date.now() - 10 * 60_000);
    // Without a pinned root the bundle's own root is used, and the court is told to pin it.
    const unpinned = await court('deal.bundle');
    expect(failed(unpinned)).toEqual([]);
    expect(unpinned.warnings.join('\n')).toMatch(/pin the TSA's root with --tsa-ca/);

    const otherRoot = { ...bundle, timestamp: await tsa.stamp(keccak256Hex(utf8('another batch'))) };
    expect(failed(await court(write('other-root.bundle', otherRoot), '--tsa-ca', 'root.pem'))).toEqual([
      'timestamp-imprint',
    ]);

    const token = fromBase64(bundle.timestamp!.token);
    token[token.length - 1] ^= 0x01; // the last byte is the TSA's signature value
    const tampered = { ...bundle, timestamp: { ...bundle.timestamp!, token: toBase64(token) } };
    const broken = await court(write('tampered.bundle', tampered), '--tsa-ca', 'root.pem');
    expect(failed(broken)).toEqual(['timestamp-signature']);
    expect(broken.code).toBe(1);

    const stranger = await startTestTsa();
    writeFileSync(join(work, 'stranger.pem'), stranger.rootPem);
    await stranger.stop();
    expect(failed(await court('deal.bundle', '--tsa-ca', 'stranger.pem'))).toEqual(['timestamp-signature']);

    // A --tsa-ca that holds no certificate is a usage error, not a verdict.
    writeFileSync(join(work, 'not.pem'), 'no certificate here');
    const usage = await runCli(
      [
        'verify',
        deal.blockchainId,
        '--bundle',
        'deal.bundle',
        '--rpc',
        stack.anvil.rpcUrl,
        '--tsa-ca',
        'not.pem',
      ],
      { cwd: work, env: { SIGNET_URL: 'http://127.0.0.1:9' } },
    );
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--tsa-ca: no PEM certificate found/);

    const edited = JSON.parse(text) as Bundle;
    edited.auditCheckpoint!.events[0].action = 'agreement.nothing';
    expect(failed(await court(write('audit.bundle', edited), '--tsa-ca', 'root.pem'))).toEqual([
      'audit-chain',
    ]);
  });
});
