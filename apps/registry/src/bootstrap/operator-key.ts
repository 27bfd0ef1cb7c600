import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { generateKeyPair, parseKeyPair, serialiseKeyPair, type SignetKeyPair } from '@signet/formats';

/**
 * The operator's key is created on first start and never leaves the data dir. The
 * service uses its public half to know who the operator is; the CLI signs with it.
 */
export async function ensureOperatorKey(file: string, logger: Logger): Promise<SignetKeyPair> {
  if (existsSync(file)) return parseKeyPair(await readFile(file, 'utf8'));
  const keys = generateKeyPair();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, serialiseKeyPair(keys), { mode: 0o600, flag: 'wx' });
  logger.info({ file }, 'created the operator key; keep this file safe, it administers Signet');
  return keys;
}
