import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import type { RegisterCommand } from './command';

interface Info {
  url: string;
  version: string;
  chainId: number;
  registryAddress: string;
  rpcUrl: string;
  blockNumber: number;
  dataDir: string | null;
}

const FIELDS = ['url', 'version', 'chainId', 'registryAddress', 'rpcUrl', 'blockNumber', 'dataDir'] as const;

/**
 * The data dir of the Signet at `url`, when it runs on this machine: the running service
 * writes endpoint.json into its data dir (SIGNET_DATA_DIR, default ./data), naming its URL.
 */
function localDataDir(url: string, env: NodeJS.ProcessEnv): string | null {
  const dataDir = resolve(env.SIGNET_DATA_DIR ?? 'data');
  const file = resolve(dataDir, 'endpoint.json');
  if (!existsSync(file)) return null;
  try {
    const endpoint = JSON.parse(readFileSync(file, 'utf8')) as { url?: string };
    return endpoint.url?.replace(/\/$/, '') === url.replace(/\/$/, '') ? dataDir : null;
  } catch {
    return null;
  }
}

/** `signet info [FIELD]`: what a user needs to point other tools at this Signet and its chain. */
export const registerInfo: RegisterCommand = (program) => {
  program
    .command('info')
    .description(
      "the service's version, chain id, registry address, chain RPC URL (and data dir when it runs here)",
    )
    .argument('[field]', `print only this value, for scripts: ${FIELDS.join(', ')}`)
    .action(async (field: string | undefined, _options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      if (field !== undefined && !(FIELDS as readonly string[]).includes(field))
        throw usageError(`unknown field "${field}": one of ${FIELDS.join(', ')}`);
      const status = await cli.publicClient().status();
      const info: Info = { url: cli.url, ...status, dataDir: localDataDir(cli.url, process.env) };
      if (field !== undefined) {
        const value = info[field as keyof Info];
        cli.print({ [field]: value }, value === null ? '' : String(value));
        return;
      }
      cli.print(
        info,
        [
          `Signet    ${info.url} (version ${info.version})`,
          `chain     ${info.chainId}, block ${info.blockNumber}`,
          `registry  ${info.registryAddress}`,
          `RPC URL   ${info.rpcUrl} (for \`signet verify --rpc\`)`,
          info.dataDir ? `data dir  ${info.dataDir}` : undefined,
        ]
          .filter((line) => line !== undefined)
          .join('\n'),
      );
    });
};
