import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSignetProcess, type SignetProcess } from '@signet/testing';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/signet.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('signet CLI: keys, administration and login against the running service (embedded defaults)', () => {
  let signet: SignetProcess;
  let work: string;
  let operatorKey: string;

  const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
    new Promise((done) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { cwd: work, env: { ...process.env, SIGNET_URL: signet.url, SIGNET_KEY: '', ...env } },
        (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const json = async <T = Record<string, unknown>>(
    args: string[],
    env?: Record<string, string>,
  ): Promise<T> => {
    const run = await cli(['--json', ...args], env);
    if (run.code !== 0) throw new Error(`signet ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  };
  const admin = (args: string[]) => json<{ id: string }>(['--key', operatorKey, 'admin', ...args]);

  beforeAll(async () => {
    signet = await startSignetProcess();
    work = mkdtempSync(join(tmpdir(), 'signet-cli-'));
    operatorKey = join(signet.dataDir, 'operator.key');
  });
  afterAll(() => signet?.stop());

  it('runs the operator flow end to end', async () => {
    for (const name of ['agent-a', 'agent-b', 'principal-a', 'principal-b', 'regulator']) {
      const keys = await json<{ signingKey: string; boxKey: string }>([
        'keys',
        'new',
        '--out',
        `${name}.key`,
      ]);
      expect(keys.signingKey).toMatch(/^0x[0-9a-f]{64}$/);
      expect(statSync(join(work, `${name}.key`)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(join(work, `${name}.key.pub`), 'utf8'))).toMatchObject({
        signingKey: keys.signingKey,
        boxKey: keys.boxKey,
      });
    }
    expect((await cli(['keys', 'new', '--out', 'agent-a.key'])).code).toBe(2);

    const acme = await admin(['org', 'add', 'Acme GmbH', '--jurisdiction', 'DE']);
    const globex = await admin(['org', 'add', 'Globex SA', '--jurisdiction', 'FR']);
    const bafin = await admin(['org', 'add', 'BaFin', '--jurisdiction', 'DE']);
    expect(acme.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      (await cli(['--key', operatorKey, 'admin', 'org', 'add', 'Acme GmbH', '--jurisdiction', 'DE'])).code,
    ).toBe(1);

    const principalA = await admin([
      'issue',
      '--role',
      'principal',
      '--org',
      'Acme GmbH',
      '--pub',
      'principal-a.key.pub',
    ]);
    const principalB = await admin([
      'issue',
      '--role',
      'principal',
      '--org',
      globex.id,
      '--pub',
      'principal-b.key.pub',
    ]);
    const agentA = await admin([
      'issue',
      '--role',
      'agent',
      '--org',
      'Acme GmbH',
      '--pub',
      'agent-a.key.pub',
      '--principal',
      principalA.id,
      '--max-value',
      '250000',
      '--currency',
      'EUR',
      '--types',
      'supply,nda',
      '--jurisdiction',
      'DE,FR',
      '--expires',
      '2035-01-01T00:00:00Z',
    ]);
    const agentB = await admin([
      'issue',
      '--role',
      'agent',
      '--org',
      'Globex SA',
      '--pub',
      'agent-b.key.pub',
      '--principal',
      principalB.id,
      '--max-value',
      '100000',
      '--currency',
      'EUR',
    ]);
    const regulator = await admin([
      'issue',
      '--role',
      'regulator',
      '--org',
      bafin.id,
      '--pub',
      'regulator.key.pub',
      '--jurisdiction',
      'DE',
    ]);
    for (const credential of [principalA, principalB, agentA, agentB, regulator])
      expect(credential.id).toMatch(/^0x[0-9a-f]{64}$/);
    expect(agentA).toMatchObject({
      role: 'AGENT',
      mandate: { maxValue: '250000', currency: 'EUR', types: ['supply', 'nda'] },
    });

    const designation = await admin(['designate', '--jurisdiction', 'DE', '--regulator', regulator.id]);
    expect(designation).toMatchObject({ jurisdiction: 'DE', credentialId: regulator.id });

    // The operator's lists: ids, roles, jurisdictions and states, as JSON and as one line each.
    const organizations = await json<Array<{ id: string; name: string; jurisdiction: string }>>([
      '--key',
      operatorKey,
      'admin',
      'org',
      'list',
    ]);
    expect(organizations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: acme.id, name: 'Acme GmbH', jurisdiction: 'DE' }),
        expect.objectContaining({ id: globex.id, name: 'Globex SA', jurisdiction: 'FR' }),
        expect.objectContaining({ id: bafin.id, name: 'BaFin', jurisdiction: 'DE' }),
      ]),
    );
    const acmeCredentials = await json<
      Array<{ id: string; role: string; state: string; jurisdictions: string[] }>
    >(['--key', operatorKey, 'admin', 'credential', 'list', '--org', 'Acme GmbH']);
    expect(acmeCredentials.map((c) => c.id).sort()).toEqual([principalA.id, agentA.id].sort());
    expect(acmeCredentials.find((c) => c.id === agentA.id)).toMatchObject({
      role: 'AGENT',
      state: 'LIVE',
      jurisdictions: ['DE', 'FR'],
    });
    const allCredentials = await json<Array<{ id: string }>>([
      '--key',
      operatorKey,
      'admin',
      'credential',
      'list',
    ]);
    expect(allCredentials.map((c) => c.id)).toEqual(
      expect.arrayContaining([principalA.id, principalB.id, agentA.id, agentB.id, regulator.id]),
    );
    const orgText = await cli(['--key', operatorKey, 'admin', 'org', 'list']);
    expect(orgText.code).toBe(0);
    expect(orgText.stdout).toContain(`${acme.id}  Acme GmbH  DE`);
    const credentialText = await cli([
      '--key',
      operatorKey,
      'admin',
      'credential',
      'list',
      '--org',
      globex.id,
    ]);
    expect(credentialText.code).toBe(0);
    expect(credentialText.stdout).toContain(`${agentB.id}  agent  FR  live`);
    expect((await cli(['--key', operatorKey, 'admin', 'credential', 'list', '--org', 'Nobody'])).code).toBe(
      1,
    );
    expect((await cli(['--key', 'agent-a.key', 'admin', 'org', 'list'])).code).toBe(1);

    // Every holder logs in with its own key; the text output of issue is the bare id.
    const login = await json<{ credentialId: string; token: string }>(['--key', 'agent-a.key', 'login']);
    expect(login.credentialId).toBe(agentA.id);
    const me = await json<{ id: string; role: string; organizationId: string }>(['whoami'], {
      SIGNET_KEY: 'agent-b.key',
    });
    expect(me).toMatchObject({ id: agentB.id, role: 'AGENT', organizationId: globex.id });
    const text = await cli(['--key', 'regulator.key', 'whoami']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(regulator.id);

    // Refusals: an agent is not the operator (1); no key is a usage error (2); no service (3).
    const refused = await cli([
      '--json',
      '--key',
      'agent-a.key',
      'admin',
      'org',
      'add',
      'Evil',
      '--jurisdiction',
      'DE',
    ]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
    expect((await cli(['admin', 'org', 'add', 'X', '--jurisdiction', 'DE'])).code).toBe(2);
    expect((await cli(['--url', 'http://127.0.0.1:9', '--key', 'agent-a.key', 'whoami'])).code).toBe(3);

    // Revocation bites at once.
    const revoked = await admin(['revoke', agentB.id, '--reason', 'left the company']);
    expect(revoked.id).toBe(agentB.id);
    const listed = await json<Array<{ id: string; state: string }>>([
      '--key',
      operatorKey,
      'admin',
      'credential',
      'list',
      '--org',
      'Globex SA',
    ]);
    expect(listed.find((c) => c.id === agentB.id)?.state).toBe('REVOKED');
    const after = await cli(['--json', '--key', 'agent-b.key', 'whoami']);
    expect(after.code).toBe(1);
    expect(JSON.parse(after.stdout).error.code).toBe('CREDENTIAL_REVOKED');
  });
});
