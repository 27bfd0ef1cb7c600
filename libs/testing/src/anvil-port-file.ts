import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@signet/embedded';

/**
 * The service's embedded anvil takes 8545 when it is free (see the registry's anvil-port);
 * tests must not, so a fresh data dir gets a free port remembered in it beforehand. The
 * service then uses and keeps that one, as it would a port remembered from a first start.
 */
export async function rememberFreeAnvilPort(dataDir: string): Promise<void> {
  const file = join(dataDir, 'anvil', 'port');
  if (existsSync(file)) return;
  mkdirSync(join(dataDir, 'anvil'), { recursive: true });
  writeFileSync(file, `${await freePort()}\n`);
}
