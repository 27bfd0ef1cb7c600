import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSignetProcess, type SignetProcess } from '@signet/testing';
import { populate, startCredentialsHarness, type CredentialsHarness } from './credentials-harness';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const LIMIT = 40;

/**
 * Issue 22: with N API replicas a caller gets one budget, not N. Two service processes on
 * one database (and one chain) share the windows, in PostgreSQL or in Redis (REDIS_URL).
 */
describe.each([
  ['PostgreSQL', {}],
  ['Redis', { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }],
])('rate limits shared by two API processes (%s)', (_store, storeEnv: Record<string, string>) => {
  let harness: CredentialsHarness;
  let second: SignetProcess;

  beforeAll(async () => {
    const env = { SIGNET_RATE_LIMIT_PER_MINUTE: String(LIMIT), ...storeEnv };
    harness = await startCredentialsHarness(env);
    const { status } = await harness.ok<{ status: { rpcUrl: string; registryAddress: string } }>(
      '{ status { rpcUrl registryAddress } }',
    );
    // A replica: the same database, chain and token secret, its own process and port.
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-replica-'));
    for (const file of ['operator.key', 'token.secret']) {
      copyFileSync(join(harness.signet.dataDir, file), join(dataDir, file));
    }
    second = await startSignetProcess({
      dataDir,
      env: {
        ...env,
        SIGNET_ROLE: 'api',
        DATABASE_URL: (harness.dataSource.options as { url: string }).url,
        CHAIN_RPC_URL: status.rpcUrl,
        REGISTRY_ADDRESS: status.registryAddress,
        ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
      },
    });
  });
  afterAll(async () => {
    await second?.stop();
    await harness?.stop();
  });

  const me = async (url: string, token: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return {
      code: body.errors?.[0]?.extensions?.code,
      remaining: response.headers.get('x-ratelimit-remaining'),
    };
  };

  it('draws one budget per credential whichever process answers, and says what is left', async () => {
    const { agent, principal } = await populate(harness);
    const answers = [];
    for (let i = 0; i < LIMIT; i++)
      answers.push(await me(i % 2 === 0 ? harness.url : second.url, agent.token));
    expect(answers.map((a) => a.code)).toEqual(new Array(LIMIT).fill(undefined));
    // Each answer counts down the one shared budget, alternately from either process.
    expect(answers.map((a) => Number(a.remaining))).toEqual(answers.map((_, i) => LIMIT - 1 - i));
    // The 41st is refused by both: neither has a budget of its own left over.
    expect((await me(second.url, agent.token)).code).toBe('RATE_LIMITED');
    expect((await me(harness.url, agent.token)).code).toBe('RATE_LIMITED');
    // Another credential still has its own budget, on either process.
    expect((await me(second.url, principal.token)).code).toBeUndefined();
  });
});
