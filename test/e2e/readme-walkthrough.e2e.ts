import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot, startSignetProcess, type SignetProcess } from '@signet/testing';

const ROOT = projectRoot();

/** The README's walkthrough: every ```sh block between its two markers, in order, as written. */
function walkthroughScript(readme: string): string {
  const start = readme.indexOf('<!-- walkthrough');
  const end = readme.indexOf('<!-- end of walkthrough -->');
  if (start < 0 || end < start) throw new Error('README.md has no walkthrough markers');
  const blocks = [...readme.slice(start, end).matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  if (blocks.length === 0) throw new Error('the README walkthrough has no sh blocks');
  return blocks.join('\n');
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      'bash',
      ['-c', script],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Issue 19: the README's walkthrough, run literally against a fresh service on its embedded
 * defaults — the only change is that `npx signet` runs this checkout's built CLI, and
 * SIGNET_URL points at the test's port. It stops at the first failing command.
 */
describe('the README walkthrough, as written', () => {
  let signet: SignetProcess;
  const work = mkdtempSync(join(tmpdir(), 'signet-readme-'));

  beforeAll(async () => {
    // As in a checkout: PostgreSQL (its own user when run as root) must reach data/.
    chmodSync(work, 0o755);
    mkdirSync(join(work, 'data'));
    // No checkpoint during the walkthrough (the read's comes after 10 s by default; here it
    // would race the audit): the README's audit then meets a fresh trail, which is intact.
    signet = await startSignetProcess({
      dataDir: join(work, 'data'),
      env: { SIGNET_AUDIT_READ_CHECKPOINT_SECONDS: '3600' },
    });
  });

  afterAll(async () => {
    await signet?.stop();
  });

  it('runs from keys to termination, the court verifying with the RPC URL the README names', async () => {
    const script = walkthroughScript(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    const preamble = [
      'set -euo pipefail -x',
      'npx() { if [ "$1" = signet ]; then shift; node "$SIGNET_BIN" "$@"; else command npx "$@"; fi; }',
    ].join('\n');
    const run = await bash(`${preamble}\n${script}`, work, {
      SIGNET_URL: signet.url,
      SIGNET_BIN: join(ROOT, 'bin/signet.js'),
    });
    const transcript = `${run.stdout}\n--- stderr ---\n${run.stderr}\n--- service ---\n${signet.output()}`;
    if (run.code !== 0) throw new Error(`the walkthrough stopped (exit ${run.code}):\n${transcript}`);

    const rpcPort = readFileSync(join(work, 'data', 'anvil', 'port'), 'utf8').trim();
    expect(run.stdout).toContain(`RPC URL   http://127.0.0.1:${rpcPort}`);
    expect(run.stdout).toContain(`data dir  ${join(work, 'data')}`);
    // Why the deal waited, and for whom.
    expect(run.stdout).toMatch(
      /PENDING_RATIFICATION\n[^]*MANDATE: agent 0x[0-9a-f]{64}: jurisdiction DE is outside/,
    );
    expect(run.stdout).toMatch(/outstanding principal 0x[0-9a-f]{64}/);
    expect(run.stdout).toMatch(/^VALID /m);
    // `set -e` stopped the script on a non-zero exit: the fresh trail's audit exited 0.
    expect(run.stdout).toMatch(
      /^INTACT eip155:\S+: no checkpoint on chain yet, so not yet proven complete; [1-9]\d* newer event\(s\) of this agreement await a checkpoint$/m,
    );
    expect(run.stdout).toContain('waiting for 1 party signature(s)');
    // The last `status` block: the id, then its status, then anchor, policy and retention lines.
    const lastStatus = run.stdout.slice(run.stdout.lastIndexOf('\nanchored in block') - 200);
    expect(lastStatus).toMatch(/\nTERMINATED\nanchored in block /);
    expect(lastStatus).toMatch(/\nretention: destroyed from \S+ \(termination\)/);
  }, 420_000);

  it('answers a browser: links at /links, GraphiQL at /graphql from local files, GET queries', async () => {
    const html = { accept: 'text/html' };
    const home = await (await fetch(`${signet.url}/links`, { headers: html })).text();
    expect(home).toContain('href="/graphql"');
    expect(home).toContain('href="/healthz"');
    expect(home).toContain('href="/verify"');
    const explorer = await fetch(`${signet.url}/graphql`, { headers: html });
    expect(explorer.headers.get('content-type')).toMatch(/text\/html/);
    const page = await explorer.text();
    expect(page).toContain('GraphiQL.createFetcher');
    // Nothing from a CDN: every script and style is served here.
    expect(page).not.toMatch(/(src|href)="https?:/);
    for (const asset of page.matchAll(/(?:src|href)="(\/explorer\/[^"]+)"/g)) {
      const response = await fetch(`${signet.url}${asset[1]}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    const query = await fetch(`${signet.url}/graphql?query=${encodeURIComponent('{ status { chainId } }')}`, {
      headers: html,
    });
    expect(((await query.json()) as { data: { status: { chainId: number } } }).data.status.chainId).toBe(
      31337,
    );
  });
});
