import 'reflect-metadata';
import pino from 'pino';
import { ConfigError, loadConfig } from '@signet/config';
import { openDatabase } from '@signet/persistence';
import { EthersChainWriter, createProvider } from '@signet/chain';
import { SignetMetrics } from '../observability/metrics';
import { createTimestampWorker } from '../timestamps/timestamp-worker.factory';
import { createAnchorWorker } from './anchor-worker.factory';

/**
 * The anchor worker alone, without the HTTP side: `node dist/apps/registry/src/anchoring/
 * anchor-worker.main.js`. It needs an existing, migrated database and a deployed registry
 * (DATABASE_URL, CHAIN_RPC_URL, REGISTRY_ADDRESS, ANCHOR_PRIVATE_KEY; with TSA_URL it also
 * fetches the batch roots' timestamp tokens, as the worker role does); the full service
 * with `--role worker` is the usual way to run it, this is the smallest one (tests kill it).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const databaseUrl = config.databaseUrl;
  const chain = config.chain;
  if (!databaseUrl) throw new ConfigError('DATABASE_URL', 'is required by the standalone anchor worker');
  if (!chain?.registryAddress || !chain.anchorPrivateKey)
    throw new ConfigError(
      'REGISTRY_ADDRESS',
      'and ANCHOR_PRIVATE_KEY are required by the standalone anchor worker',
    );
  const logger = pino({ level: config.logLevel });
  const database = await openDatabase(databaseUrl, 4);
  const provider = createProvider(chain.rpcUrl, { pollingInterval: 250 });
  const chainId = Number((await provider.getNetwork()).chainId);
  const metrics = new SignetMetrics();
  const worker = createAnchorWorker({
    database: database.transactions,
    databaseUrl,
    chain: new EthersChainWriter(provider, chain.anchorPrivateKey, chain.registryAddress, chainId),
    settings: config,
    metrics,
    logger,
  });
  // With TSA_URL the worker marks each recorded root as wanting a token: fetch them here too.
  const timestamps = createTimestampWorker({
    settings: config,
    store: database.batchTimestamps,
    metrics,
    isLeader: () => worker.isLeader,
    logger,
  });
  worker.start();
  timestamps?.start();
  const shutdown = (): void => {
    void Promise.resolve(timestamps?.stop())
      .then(() => worker.stop())
      .then(() => database.close())
      .finally(() => {
        provider.destroy();
        process.exit(0);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `anchor worker: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(error instanceof ConfigError ? 2 : 1);
});
