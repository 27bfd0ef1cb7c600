import { readFile, writeFile } from 'node:fs/promises';
import { isHex, parseKeyPair, serialiseKeyPair, toHex, type SignetKeyPair } from '@signet/formats';
import { usageError } from '../cli-error';

export const PUBLIC_KEY_FILE_VERSION = 'signet-public-keys/1';

/** The half of a key pair that is handed to the operator to be credentialed. */
export interface PublicKeys {
  version: typeof PUBLIC_KEY_FILE_VERSION;
  /** Ed25519, 0x hex. */
  signingKey: string;
  /** X25519, 0x hex. */
  boxKey: string;
}

export function publicKeysOf(pair: SignetKeyPair): PublicKeys {
  return {
    version: PUBLIC_KEY_FILE_VERSION,
    signingKey: toHex(pair.signing.publicKey),
    boxKey: toHex(pair.box.publicKey),
  };
}

/** Writes FILE (0600, never over an existing file) and FILE.pub. */
export async function writeKeyFiles(file: string, pair: SignetKeyPair): Promise<PublicKeys> {
  const publicKeys = publicKeysOf(pair);
  try {
    await writeFile(file, serialiseKeyPair(pair), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw usageError(`${file} exists: keys are never overwritten`);
    throw usageError(`cannot write ${file}: ${(error as Error).message}`);
  }
  await writeFile(`${file}.pub`, JSON.stringify(publicKeys, null, 2) + '\n', { mode: 0o644 });
  return publicKeys;
}

export async function readKeyFile(file: string): Promise<SignetKeyPair> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw usageError(`cannot read key file ${file}: ${error.message}`);
  });
  try {
    return parseKeyPair(text);
  } catch (error) {
    throw usageError(`${file} is not a Signet key file: ${(error as Error).message}`);
  }
}

/** A .pub file, or (for convenience) a full key file, of which only the public half is used. */
export async function readPublicKeys(file: string): Promise<PublicKeys> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw usageError(`cannot read ${file}: ${error.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw usageError(`${file} is not JSON`);
  }
  const candidate = json as Partial<PublicKeys> & { signing?: unknown };
  if (candidate.signing !== undefined) return publicKeysOf(parseKeyPair(text));
  if (
    candidate.version !== PUBLIC_KEY_FILE_VERSION ||
    !isHex(candidate.signingKey, 32) ||
    !isHex(candidate.boxKey, 32)
  ) {
    throw usageError(`${file} is not a Signet public key file (${PUBLIC_KEY_FILE_VERSION})`);
  }
  return { version: PUBLIC_KEY_FILE_VERSION, signingKey: candidate.signingKey, boxKey: candidate.boxKey };
}
