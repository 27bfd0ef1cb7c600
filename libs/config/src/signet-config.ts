import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { gwei, integer, text, url, type Env } from './env-readers';
import { monitoringConfig, type MonitoringConfig } from './monitoring-config';
import { anvilPort, auditConfig, authConfig, type AuditConfig, type AuthConfig } from './service-settings';

export type Role = 'all' | 'api' | 'worker';

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  /** Static keys, both or neither; neither: the AWS default credential chain (IAM role, AWS_* env, session tokens). */
  accessKeyId?: string;
  /** Secret: never logged. */
  secretAccessKey?: string;
}

export interface ChainSettings {
  rpcUrl: string;
  registryAddress?: string;
  /** Secret: never logged. */
  anchorPrivateKey?: string;
}

/** Everything Signet reads from the environment, validated once at start-up. */
export interface SignetConfig {
  dataDir: string;
  host: string;
  port: number;
  role: Role;
  /** Unset: embedded PostgreSQL under the data dir. */
  databaseUrl?: string;
  /** Unset: a blob directory under the data dir. */
  s3?: S3Settings;
  /** Unset: embedded anvil under the data dir. */
  chain?: ChainSettings;
  confirmations: number;
  anchorBatchSize: number;
  anchorIntervalMs: number;
  /** A sent anchoring transaction not mined after this long is replaced with higher fees. */
  anchorFeeBumpAfterMs: number;
  /** Ceiling on maxFeePerGas of anchoring transactions, in wei; unset: none (the network's fees). */
  anchorMaxFeePerGasWei?: bigint;
  logLevel: string;
  /** GraphiQL in a browser at GET /graphql (SIGNET_GRAPHIQL=0 turns it off, e.g. in production). */
  graphiql: boolean;
  /** SIGNET_WEBHOOK_ALLOW_PRIVATE=1: webhooks may target loopback and private addresses (tests). */
  webhookAllowPrivate: boolean;
  /** DATABASE_POOL_SIZE: connections per process. */
  databasePoolSize: number;
  /** SIGNET_ANVIL_PORT: the embedded anvil's port; unset, the runtime picks (and remembers) one. */
  anvilPort?: number;
  auth: AuthConfig;
  audit: AuditConfig;
  monitoring: MonitoringConfig;
  /** RFC 3161 time-stamping authority for batch roots; unset: no timestamps. */
  tsaUrl?: string;
  /** How long one request to the TSA may take before it counts as failed (and is retried later). */
  tsaTimeoutMs: number;
  /** A PEM file of the TSA's CA certificates, added to each token's chain in the bundle. */
  tsaCertChain?: string;
  /** How often the worker runs the retention job (docs/RETENTION.md); daily by default. */
  retentionIntervalMs: number;
  /** Tests only (NODE_ENV=test): a file holding milliseconds to add to the retention clock. */
  testClockFile?: string;
}

const ROLES: readonly Role[] = ['all', 'api', 'worker'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function s3Settings(env: Env): S3Settings | undefined {
  const endpoint = url(env, 'S3_ENDPOINT', ['http:', 'https:']);
  const names = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  if (endpoint === undefined) {
    const stray = names.find((name) => text(env, name) !== undefined);
    if (stray) throw new ConfigError('S3_ENDPOINT', `must be set when ${stray} is set`);
    return undefined;
  }
  const bucket = text(env, 'S3_BUCKET');
  if (bucket === undefined) throw new ConfigError('S3_BUCKET', 'is required when S3_ENDPOINT is set');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError('S3_BUCKET', `"${bucket}" is not a valid bucket name`);
  }
  const accessKeyId = text(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = text(env, 'S3_SECRET_ACCESS_KEY');
  // One key without the other is a typo, not a request for the default chain.
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    const missing = accessKeyId === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY';
    throw new ConfigError(
      missing,
      'is required when the other S3 key is set (set both, or neither for the AWS credential chain)',
    );
  }
  return { endpoint, bucket, accessKeyId, secretAccessKey, region: text(env, 'S3_REGION') ?? 'us-east-1' };
}

function chainSettings(env: Env): ChainSettings | undefined {
  const rpcUrl = url(env, 'CHAIN_RPC_URL', ['http:', 'https:', 'ws:', 'wss:']);
  const registryAddress = text(env, 'REGISTRY_ADDRESS');
  const anchorPrivateKey = text(env, 'ANCHOR_PRIVATE_KEY');
  if (registryAddress !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(registryAddress)) {
    throw new ConfigError('REGISTRY_ADDRESS', 'must be a 0x-prefixed 20-byte hex address');
  }
  if (anchorPrivateKey !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(anchorPrivateKey)) {
    throw new ConfigError('ANCHOR_PRIVATE_KEY', 'must be a 0x-prefixed 32-byte hex key');
  }
  if (rpcUrl === undefined) {
    if (registryAddress) throw new ConfigError('CHAIN_RPC_URL', 'must be set when REGISTRY_ADDRESS is set');
    if (anchorPrivateKey)
      throw new ConfigError('CHAIN_RPC_URL', 'must be set when ANCHOR_PRIVATE_KEY is set');
    return undefined;
  }
  if (anchorPrivateKey === undefined) {
    throw new ConfigError('ANCHOR_PRIVATE_KEY', 'is required when CHAIN_RPC_URL is set');
  }
  return { rpcUrl, registryAddress, anchorPrivateKey };
}

function tsaSettings(env: Env, cwd: string): Pick<SignetConfig, 'tsaUrl' | 'tsaTimeoutMs' | 'tsaCertChain'> {
  const tsaUrl = url(env, 'TSA_URL', ['http:', 'https:']);
  const chain = text(env, 'TSA_CERT_CHAIN');
  if (tsaUrl === undefined && chain !== undefined)
    throw new ConfigError('TSA_URL', 'must be set when TSA_CERT_CHAIN is set');
  return {
    tsaUrl,
    tsaTimeoutMs: integer(env, 'TSA_TIMEOUT_MS', 10000, 100, 120000),
    tsaCertChain: chain === undefined ? undefined : isAbsolute(chain) ? chain : resolve(cwd, chain),
  };
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): SignetConfig {
  const dataDirRaw = text(env, 'SIGNET_DATA_DIR') ?? './data';
  const role = (text(env, 'SIGNET_ROLE') ?? 'all') as Role;
  if (!ROLES.includes(role))
    throw new ConfigError('SIGNET_ROLE', `must be one of ${ROLES.join(', ')}, got "${role}"`);
  const logLevel = text(env, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    dataDir: isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw),
    host: text(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    role,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    s3: s3Settings(env),
    chain: chainSettings(env),
    confirmations: integer(env, 'CONFIRMATIONS', 2, 0, 1000),
    anchorBatchSize: integer(env, 'ANCHOR_BATCH_SIZE', 200, 1, 2000),
    anchorIntervalMs: integer(env, 'ANCHOR_INTERVAL_MS', 1000, 50, 600000),
    anchorFeeBumpAfterMs: integer(env, 'ANCHOR_FEE_BUMP_AFTER_MS', 30000, 1000, 3600000),
    anchorMaxFeePerGasWei: gwei(env, 'ANCHOR_MAX_FEE_PER_GAS_GWEI'),
    logLevel,
    graphiql: integer(env, 'SIGNET_GRAPHIQL', 1, 0, 1) === 1,
    webhookAllowPrivate: text(env, 'SIGNET_WEBHOOK_ALLOW_PRIVATE') === '1',
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 20, 1, 1000),
    anvilPort: anvilPort(env),
    auth: authConfig(env),
    audit: auditConfig(env),
    monitoring: monitoringConfig(env),
    ...tsaSettings(env, cwd),
    retentionIntervalMs: integer(env, 'RETENTION_INTERVAL_MS', 86_400_000, 1000, 7 * 86_400_000),
    testClockFile: testClockFile(env),
  };
}

/** A clock that tests move forward: refused outside tests, where it would let retention run early. */
function testClockFile(env: Env): string | undefined {
  const file = text(env, 'SIGNET_TEST_CLOCK_FILE');
  if (file !== undefined && env.NODE_ENV !== 'test')
    throw new ConfigError('SIGNET_TEST_CLOCK_FILE', 'is for tests only (NODE_ENV=test)');
  return file;
}

/** The database the TypeORM CLI (`npm run migration:*`) works on: DATABASE_URL, else the local default. */
export function migrationDatabaseUrl(env: Env = process.env): string {
  return (
    url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']) ?? 'postgres://postgres@127.0.0.1:5432/signet'
  );
}
