import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { portIsFree } from '@signet/embedded';

/** anvil's and every Ethereum tool's usual port: what a user types when nothing says otherwise. */
export const USUAL_RPC_PORT = 8545;

export function rememberedPortFile(dataDir: string): string {
  return join(dataDir, 'anvil', 'port');
}

/**
 * The port the embedded anvil should listen on, so that an RPC URL a user saved keeps
 * working across restarts: SIGNET_ANVIL_PORT when set; else the port remembered in the
 * data dir when it is still free; else 8545 when free; else 0 (the OS picks one, and the
 * caller remembers it with `rememberAnvilPort`).
 */
export async function chooseAnvilPort(dataDir: string, configured: number | undefined): Promise<number> {
  if (configured !== undefined) return configured;
  const file = rememberedPortFile(dataDir);
  if (existsSync(file)) {
    const remembered = Number((await readFile(file, 'utf8')).trim());
    if (Number.isInteger(remembered) && remembered > 0 && (await portIsFree(remembered))) return remembered;
  }
  return (await portIsFree(USUAL_RPC_PORT)) ? USUAL_RPC_PORT : 0;
}

export async function rememberAnvilPort(dataDir: string, port: number): Promise<void> {
  const file = rememberedPortFile(dataDir);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${port}\n`);
}
