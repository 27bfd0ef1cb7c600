import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { startSignetProcess, type SignetProcess } from './signet-process';
import { createTestDatabase, type TestDatabase } from './test-database';

/** anvil's first dev account: funded on every fresh anvil, so it can anchor. */
export const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export interface SignetStack {
  db: TestDatabase;
  anvil: AnvilHandle;
  signet: SignetProcess;
  /** The environment the service runs with, to start it again on the same state. */
  env: Record<string, string>;
  /** Starts the service again on the same database, chain and data dir (after a kill). */
  restart(): Promise<SignetProcess>;
  stop(): Promise<void>;
}

/**
 * The running system of the end-to-end tests: a fresh database on the test PostgreSQL, an
 * anvil mining every second, and the built service anchoring on it quickly.
 */
export async function startSignetStack(
  database: string,
  env: Record<string, string> = {},
): Promise<SignetStack> {
  const db = await createTestDatabase(database);
  const anvil = await startAnvil({ blockTime: 1 });
  const fullEnv = {
    DATABASE_URL: db.url,
    CHAIN_RPC_URL: anvil.rpcUrl,
    ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
    CONFIRMATIONS: '2',
    ANCHOR_INTERVAL_MS: '200',
    ...env,
  };
  const stack: SignetStack = {
    db,
    anvil,
    env: fullEnv,
    signet: await startSignetProcess({ env: fullEnv }),
    async restart() {
      const port = Number(new URL(stack.signet.url).port);
      stack.signet = await startSignetProcess({ env: fullEnv, dataDir: stack.signet.dataDir, port });
      return stack.signet;
    },
    async stop() {
      await stack.signet.stop();
      await anvil.stop();
      await db.drop();
    },
  };
  return stack;
}
