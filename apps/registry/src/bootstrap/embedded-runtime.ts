import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import { ConfigError } from '@signet/config';
import { startAnvil, startEmbeddedPostgres, type AnvilHandle } from '@signet/embedded';
import { chooseAnvilPort, rememberAnvilPort } from './anvil-port';
import { createProvider, deployRegistryWithKey, hasContractCode } from '@signet/chain';
import type { RuntimeSettings } from './runtime-settings';

/** anvil's first well-known development account: only ever used against the embedded chain. */
const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

interface RememberedRegistry {
  chainId: number;
  registryAddress: string;
}

export interface EmbeddedRuntime {
  settings: RuntimeSettings;
  stop(): Promise<void>;
}

/**
 * Fills every unset part with its embedded default (PostgreSQL from npm, a blob
 * directory, anvil from npm), deploys the registry on first start and remembers its
 * address, so a restart finds the same rows, blobs, chain state and registry.
 */
export async function startRuntime(config: SignetConfig, logger: Logger): Promise<EmbeddedRuntime> {
  await mkdir(config.dataDir, { recursive: true });
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async (): Promise<void> => {
    for (const { name, stop } of stops.reverse()) {
      await stop().catch((error: unknown) => logger.error({ error, part: name }, 'stop failed'));
      logger.info({ part: name }, 'stopped');
    }
  };
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'postgres') });
      stops.push({ name: 'embedded PostgreSQL', stop: () => postgres.stop() });
      databaseUrl = postgres.url;
      logger.info({ port: postgres.port }, 'embedded PostgreSQL started');
    }

    let rpcUrl = config.chain?.rpcUrl;
    let anchorPrivateKey = config.chain?.anchorPrivateKey ?? ANVIL_DEV_KEY;
    if (!rpcUrl) {
      const anvil = await startEmbeddedAnvil(config.dataDir, config.anvilPort);
      stops.push({ name: 'embedded anvil', stop: () => anvil.stop() });
      rpcUrl = anvil.rpcUrl;
      anchorPrivateKey = ANVIL_DEV_KEY;
      logger.info({ rpcUrl }, 'embedded anvil started');
    }
    const registry = await resolveRegistry(config, rpcUrl, anchorPrivateKey, logger);

    const storage: RuntimeSettings['storage'] = config.s3
      ? { kind: 's3', s3: config.s3 }
      : { kind: 'directory', directory: join(config.dataDir, 'blobs') };

    return {
      settings: {
        databaseUrl,
        storage,
        chain: { rpcUrl, anchorPrivateKey: anchorPrivateKey, ...registry },
        operatorKeyFile: join(config.dataDir, 'operator.key'),
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * anvil on a stable port (see chooseAnvilPort), remembered for the next start. Should the
 * chosen port be taken between the check and anvil's bind, a free one is taken instead.
 */
async function startEmbeddedAnvil(dataDir: string, configured: number | undefined): Promise<AnvilHandle> {
  const port = await chooseAnvilPort(dataDir, configured);
  const start = (on: number): Promise<AnvilHandle> =>
    startAnvil({ stateFile: join(dataDir, 'anvil', 'state.json'), blockTime: 1, port: on });
  const anvil = await start(port).catch((error: unknown) => {
    if (port === 0 || configured !== undefined) throw error;
    return start(0);
  });
  await rememberAnvilPort(dataDir, anvil.port);
  return anvil;
}

async function resolveRegistry(
  config: SignetConfig,
  rpcUrl: string,
  anchorPrivateKey: string,
  logger: Logger,
): Promise<RememberedRegistry> {
  const provider = createProvider(rpcUrl, { pollingInterval: 250 });
  try {
    const chainId = Number((await provider.getNetwork()).chainId);
    if (config.chain?.registryAddress) {
      if (!(await hasContractCode(provider, config.chain.registryAddress))) {
        throw new ConfigError(
          'REGISTRY_ADDRESS',
          `no contract at ${config.chain.registryAddress} on chain ${chainId}`,
        );
      }
      return { chainId, registryAddress: config.chain.registryAddress };
    }
    const file = join(config.dataDir, `registry-${chainId}.json`);
    if (existsSync(file)) {
      const remembered = JSON.parse(await readFile(file, 'utf8')) as RememberedRegistry;
      if (!(await hasContractCode(provider, remembered.registryAddress))) {
        throw new ConfigError(
          'CHAIN_RPC_URL',
          `the registry remembered in ${file} (${remembered.registryAddress}) has no code on this chain: ` +
            'its state was lost; restore it or start with a new SIGNET_DATA_DIR',
        );
      }
      return remembered;
    }
    const registryAddress = await deployRegistryWithKey(provider, anchorPrivateKey);
    const remembered = { chainId, registryAddress };
    await writeFile(file, JSON.stringify(remembered, null, 2) + '\n');
    logger.info(remembered, 'deployed the agreement registry');
    return remembered;
  } finally {
    provider.destroy();
  }
}
