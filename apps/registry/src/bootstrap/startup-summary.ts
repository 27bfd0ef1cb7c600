import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SignetConfig } from '@signet/config';
import type { RuntimeSettings } from './runtime-settings';

/** Where a running service can be found; `signet info` reads it to name the local data dir. */
export const ENDPOINT_FILE = 'endpoint.json';

export interface StartupSummary {
  url: string;
  graphql: string;
  rpcUrl: string;
  dataDir: string;
  operatorKey: string;
}

export function startupSummary(url: string, config: SignetConfig, settings: RuntimeSettings): StartupSummary {
  return {
    url,
    graphql: `${url}/graphql`,
    rpcUrl: settings.chain.rpcUrl,
    dataDir: config.dataDir,
    operatorKey: settings.operatorKeyFile,
  };
}

/** The lines a person starting Signet in a terminal wants once it is ready. */
export function summaryText(summary: StartupSummary): string {
  return [
    `Signet is ready at ${summary.url}`,
    `  GraphQL   ${summary.graphql} (open it in a browser to explore)`,
    `  chain RPC ${summary.rpcUrl} (what a court passes to \`signet verify --rpc\`)`,
    `  data dir  ${summary.dataDir}`,
    `  operator  ${summary.operatorKey} (\`npx signet --key ${summary.operatorKey} admin …\`)`,
  ].join('\n');
}

export async function writeEndpointFile(summary: StartupSummary): Promise<void> {
  await writeFile(
    join(summary.dataDir, ENDPOINT_FILE),
    JSON.stringify({ url: summary.url, rpcUrl: summary.rpcUrl, pid: process.pid }, null, 2) + '\n',
  );
}

export async function removeEndpointFile(dataDir: string): Promise<void> {
  await rm(join(dataDir, ENDPOINT_FILE), { force: true });
}
