import { statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, runCli, startSignetProcess } from '@signet/testing';

interface Status {
  status: { chainId: number; registryAddress: string; blockNumber: number };
}

/**
 * Issue 2's promise: with nothing configured the service runs on its embedded defaults,
 * and a restart after SIGTERM finds the same rows, chain state and registry.
 */
describe('the service on its embedded defaults, across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'signet-restart-'));
  const work = mkdtempSync(join(tmpdir(), 'signet-restart-cli-'));

  it('keeps its registry, its rows and its chain after SIGTERM', async () => {
    const startedAt = Date.now();
    const first = await startSignetProcess({ dataDir });
    const readyMs = Date.now() - startedAt;
    expect(readyMs).toBeLessThan(60_000);
    expect(statSync(join(dataDir, 'operator.key')).mode & 0o777).toBe(0o600);

    const before = (await graphql<Status>(first.url, '{ status { chainId registryAddress blockNumber } }'))
      .data!.status;
    const operator = ['--url', first.url, '--key', join(dataDir, 'operator.key'), '--json'];
    const added = await runCli([...operator, 'admin', 'org', 'add', 'Acme', '--jurisdiction', 'DE'], {
      cwd: work,
    });
    expect(added.code).toBe(0);
    expect(await first.stop()).toBe(0);

    const second = await startSignetProcess({ dataDir });
    try {
      const after = (await graphql<Status>(second.url, '{ status { chainId registryAddress blockNumber } }'))
        .data!.status;
      expect(after.registryAddress).toBe(before.registryAddress);
      expect(after.chainId).toBe(before.chainId);
      expect(after.blockNumber).toBeGreaterThanOrEqual(before.blockNumber);
      const again = await runCli(
        [
          '--url',
          second.url,
          '--key',
          join(dataDir, 'operator.key'),
          '--json',
          'admin',
          'org',
          'add',
          'Acme',
          '--jurisdiction',
          'DE',
        ],
        { cwd: work },
      );
      expect(again.code).toBe(1);
      expect(again.json<{ error: { code: string } }>().error.code).toBe('ORGANIZATION_EXISTS');
      const health = (await (await fetch(`${second.url}/healthz`)).json()) as { status: string };
      expect(health.status).toBe('ok');
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('stops at start-up on a bad setting, naming the variable', async () => {
    await expect(startSignetProcess({ dataDir, env: { PORT: 'eighty' } })).rejects.toThrow(/PORT/);
  });
});
