import { ConfigError } from './config-error';
import { loadConfig } from './signet-config';

const KEY = `0x${'ab'.repeat(32)}`;

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env, '/srv');
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills the embedded defaults when nothing is set', () => {
    expect(loadConfig({}, '/srv')).toMatchObject({
      dataDir: '/srv/data',
      host: '127.0.0.1',
      port: 3000,
      role: 'all',
      databaseUrl: undefined,
      s3: undefined,
      chain: undefined,
      confirmations: 2,
    });
  });

  it('reads a full production environment', () => {
    const config = loadConfig(
      {
        SIGNET_DATA_DIR: '/var/lib/signet',
        PORT: '8080',
        SIGNET_ROLE: 'worker',
        DATABASE_URL: 'postgres://signet@db/signet',
        S3_ENDPOINT: 'http://minio:9000',
        S3_BUCKET: 'signet',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        CHAIN_RPC_URL: 'http://anvil:8545',
        ANCHOR_PRIVATE_KEY: KEY,
        REGISTRY_ADDRESS: `0x${'12'.repeat(20)}`,
        CONFIRMATIONS: '12',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      dataDir: '/var/lib/signet',
      port: 8080,
      role: 'worker',
      s3: { endpoint: 'http://minio:9000', bucket: 'signet', region: 'us-east-1' },
      chain: { rpcUrl: 'http://anvil:8545', anchorPrivateKey: KEY },
      confirmations: 12,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ SIGNET_ROLE: 'boss' }, 'SIGNET_ROLE'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ S3_BUCKET: 'signet' }, 'S3_ENDPOINT'],
    [{ S3_ENDPOINT: 'http://minio:9000' }, 'S3_BUCKET'],
    [
      {
        S3_ENDPOINT: 'http://minio:9000',
        S3_BUCKET: 'Bad_Bucket',
        S3_ACCESS_KEY_ID: 'a',
        S3_SECRET_ACCESS_KEY: 'b',
      },
      'S3_BUCKET',
    ],
    [{ CHAIN_RPC_URL: 'http://anvil:8545' }, 'ANCHOR_PRIVATE_KEY'],
    [{ CHAIN_RPC_URL: 'http://anvil:8545', ANCHOR_PRIVATE_KEY: '0x1234' }, 'ANCHOR_PRIVATE_KEY'],
    [{ REGISTRY_ADDRESS: `0x${'12'.repeat(20)}` }, 'CHAIN_RPC_URL'],
    [
      { CHAIN_RPC_URL: 'http://anvil:8545', ANCHOR_PRIVATE_KEY: KEY, REGISTRY_ADDRESS: '0xnope' },
      'REGISTRY_ADDRESS',
    ],
    [{ CONFIRMATIONS: '-1' }, 'CONFIRMATIONS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ANCHOR_MAX_FEE_PER_GAS_GWEI: 'lots' }, 'ANCHOR_MAX_FEE_PER_GAS_GWEI'],
    [{ ANCHOR_MAX_FEE_PER_GAS_GWEI: '-5' }, 'ANCHOR_MAX_FEE_PER_GAS_GWEI'],
    [{ ANCHOR_MAX_FEE_PER_GAS_GWEI: '0' }, 'ANCHOR_MAX_FEE_PER_GAS_GWEI'],
    [{ ANCHOR_MAX_FEE_PER_GAS_GWEI: '1.0000000001' }, 'ANCHOR_MAX_FEE_PER_GAS_GWEI'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(refusal(env)).toBe(variable);
  });

  it('reads the anchoring fee ceiling in gwei, and none when unset', () => {
    expect(loadConfig({}, '/srv').anchorMaxFeePerGasWei).toBeUndefined();
    expect(loadConfig({ ANCHOR_MAX_FEE_PER_GAS_GWEI: '40' }, '/srv').anchorMaxFeePerGasWei).toBe(
      40_000_000_000n,
    );
    expect(loadConfig({ ANCHOR_MAX_FEE_PER_GAS_GWEI: '0.5' }, '/srv').anchorMaxFeePerGasWei).toBe(
      500_000_000n,
    );
    expect(loadConfig({ ANCHOR_MAX_FEE_PER_GAS_GWEI: '0.000000001' }, '/srv').anchorMaxFeePerGasWei).toBe(1n);
  });

  it('never puts a secret in its message', () => {
    try {
      loadConfig({ CHAIN_RPC_URL: 'http://anvil:8545', ANCHOR_PRIVATE_KEY: 'secret-value' }, '/srv');
    } catch (error) {
      expect(String(error)).not.toContain('secret-value');
    }
  });
  it('runs retention daily by default, and takes a test clock only under NODE_ENV=test', () => {
    expect(loadConfig({}, '/srv').retentionIntervalMs).toBe(86_400_000);
    expect(refusal({ RETENTION_INTERVAL_MS: '10' })).toBe('RETENTION_INTERVAL_MS');
    expect(refusal({ SIGNET_TEST_CLOCK_FILE: '/tmp/clock' })).toBe('SIGNET_TEST_CLOCK_FILE');
    expect(loadConfig({ SIGNET_TEST_CLOCK_FILE: '/tmp/clock', NODE_ENV: 'test' }, '/srv').testClockFile).toBe(
      '/tmp/clock',
    );
  });
});
