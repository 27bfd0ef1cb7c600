import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      { S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'signet', S3_ACCESS_KEY_ID: 'a' },
      'S3_SECRET_ACCESS_KEY',
    ],
    [
      { S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'signet', S3_SECRET_ACCESS_KEY: 'b' },
      'S3_ACCESS_KEY_ID',
    ],
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
    [{ DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE'],
    [{ SIGNET_ANVIL_PORT: '8545x' }, 'SIGNET_ANVIL_PORT'],
    [{ SIGNET_ANVIL_PORT: '0' }, 'SIGNET_ANVIL_PORT'],
    [{ SIGNET_TOKEN_SECRET: 'short' }, 'SIGNET_TOKEN_SECRET'],
    [{ SIGNET_TOKEN_TTL_SECONDS: '5' }, 'SIGNET_TOKEN_TTL_SECONDS'],
    [{ SIGNET_CHALLENGE_TTL_SECONDS: 'soon' }, 'SIGNET_CHALLENGE_TTL_SECONDS'],
    [{ SIGNET_RATE_LIMIT_PER_MINUTE: '0' }, 'SIGNET_RATE_LIMIT_PER_MINUTE'],
    [{ SIGNET_VERIFY_RATE_LIMIT_PER_MINUTE: '-1' }, 'SIGNET_VERIFY_RATE_LIMIT_PER_MINUTE'],
    [{ SIGNET_AUDIT_SEQUENCE_MS: '1' }, 'SIGNET_AUDIT_SEQUENCE_MS'],
    [{ SIGNET_AUDIT_CHECKPOINT_EVERY: '0' }, 'SIGNET_AUDIT_CHECKPOINT_EVERY'],
    [{ SIGNET_AUDIT_CHECKPOINT_SECONDS: 'hourly' }, 'SIGNET_AUDIT_CHECKPOINT_SECONDS'],
    [{ SIGNET_AUDIT_READ_CHECKPOINT_SECONDS: '9999999' }, 'SIGNET_AUDIT_READ_CHECKPOINT_SECONDS'],
    [{ SIGNET_AUDIT_GAP_GRACE_MS: '1.5' }, 'SIGNET_AUDIT_GAP_GRACE_MS'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(refusal(env)).toBe(variable);
  });

  it('leaves S3 keys to the AWS credential chain when neither is set', () => {
    const { s3 } = loadConfig(
      { S3_ENDPOINT: 'https://s3.eu-central-1.amazonaws.com', S3_BUCKET: 'signet' },
      '/srv',
    );
    expect(s3).toEqual({
      endpoint: 'https://s3.eu-central-1.amazonaws.com',
      bucket: 'signet',
      region: 'us-east-1',
      accessKeyId: undefined,
      secretAccessKey: undefined,
    });
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

  it('reads the pool, anvil, auth and audit settings, with their defaults', () => {
    expect(loadConfig({}, '/srv')).toMatchObject({
      databasePoolSize: 20,
      anvilPort: undefined,
      auth: {
        tokenSecret: undefined,
        tokenTtlSeconds: 900,
        challengeTtlSeconds: 60,
        rateLimitPerMinute: 60_000,
        verifyRateLimitPerMinute: 12_000,
      },
      audit: {
        sequenceIntervalMs: 200,
        checkpointEvery: 1000,
        checkpointSeconds: 300,
        readCheckpointSeconds: 10,
        gapGraceMs: 3000,
      },
    });
    const secret = 's'.repeat(32);
    const config = loadConfig(
      {
        DATABASE_POOL_SIZE: '4',
        SIGNET_ANVIL_PORT: '9545',
        SIGNET_TOKEN_SECRET: secret,
        SIGNET_TOKEN_TTL_SECONDS: '60',
        SIGNET_AUDIT_CHECKPOINT_EVERY: '5',
        SIGNET_AUDIT_READ_CHECKPOINT_SECONDS: '0',
      },
      '/srv',
    );
    expect(config).toMatchObject({ databasePoolSize: 4, anvilPort: 9545 });
    expect(config.auth).toMatchObject({ tokenSecret: secret, tokenTtlSeconds: 60 });
    expect(config.audit).toMatchObject({ checkpointEvery: 5, readCheckpointSeconds: 0 });
  });

  it('reads the monitoring settings and its rules file, refusing a bad one by name', () => {
    expect(loadConfig({}, '/srv').monitoring).toEqual({ enabled: true, flushMs: 250 });
    const dir = mkdtempSync(join(tmpdir(), 'signet-config-'));
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, '{"escalateMinutes": 5}');
    expect(
      loadConfig(
        { SIGNET_MONITORING: '0', SIGNET_MONITORING_FLUSH_MS: '100', SIGNET_MONITORING_RULES: rules },
        '/srv',
      ).monitoring,
    ).toEqual({ enabled: false, flushMs: 100, rules: { escalateMinutes: 5 } });
    expect(refusal({ SIGNET_MONITORING: '2' })).toBe('SIGNET_MONITORING');
    expect(refusal({ SIGNET_MONITORING_FLUSH_MS: '5' })).toBe('SIGNET_MONITORING_FLUSH_MS');
    expect(refusal({ SIGNET_MONITORING_RULES: join(dir, 'missing.json') })).toBe('SIGNET_MONITORING_RULES');
    writeFileSync(rules, '[1]');
    expect(refusal({ SIGNET_MONITORING_RULES: rules })).toBe('SIGNET_MONITORING_RULES');
  });

  it('reads TSA_URL (http or https) and its chain file; nothing without it', () => {
    expect(loadConfig({}, '/srv')).toMatchObject({
      tsaUrl: undefined,
      tsaCertChain: undefined,
      tsaTimeoutMs: 10000,
    });
    expect(
      loadConfig(
        { TSA_URL: 'https://tsa.example/tsr', TSA_CERT_CHAIN: 'tsa/ca.pem', TSA_TIMEOUT_MS: '500' },
        '/srv',
      ),
    ).toMatchObject({
      tsaUrl: 'https://tsa.example/tsr',
      tsaCertChain: '/srv/tsa/ca.pem',
      tsaTimeoutMs: 500,
    });
    expect(refusal({ TSA_URL: 'ftp://tsa.example' })).toBe('TSA_URL');
    expect(refusal({ TSA_URL: 'not a url' })).toBe('TSA_URL');
    expect(refusal({ TSA_CERT_CHAIN: '/srv/ca.pem' })).toBe('TSA_URL');
    expect(refusal({ TSA_URL: 'http://tsa', TSA_TIMEOUT_MS: '5' })).toBe('TSA_TIMEOUT_MS');
  });

  it('never puts a secret in its message', () => {
    try {
      loadConfig({ CHAIN_RPC_URL: 'http://anvil:8545', ANCHOR_PRIVATE_KEY: 'secret-value' }, '/srv');
    } catch (error) {
      expect(String(error)).not.toContain('secret-value');
    }
    expect(() => loadConfig({ SIGNET_TOKEN_SECRET: 'short-secret' }, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig({ SIGNET_TOKEN_SECRET: 'short-secret' }, '/srv')).not.toThrow(/short-secret/);
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
