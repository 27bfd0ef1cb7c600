import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ed25519Sign, fromHex, parseBlockchainId, toHex } from '@signet/formats';
import { CliContext } from '../cli-context';
import { CliError, ExitCode, usageError } from '../cli-error';

export interface SignatureFile {
  version: string;
  id: string;
  signatures: Array<{ credentialId: string; signature: string }>;
}

/** What every party signs in turn: a termination, a destruction request. */
export interface PartySigning {
  /** The file's `version`, e.g. signet-termination/1. */
  version: string;
  /** Names it in messages: "termination". */
  what: string;
  command: string;
  message(agreementId: string): string;
  submit(
    cli: CliContext,
    id: string,
    signatures: SignatureFile['signatures'],
  ): Promise<{ data: Record<string, unknown>; text: string }>;
}

async function readSignatures(file: string, id: string, signing: PartySigning): Promise<SignatureFile> {
  if (!existsSync(file)) return { version: signing.version, id, signatures: [] };
  let parsed: SignatureFile;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as SignatureFile;
  } catch (error) {
    throw usageError(`cannot read the ${signing.what} file ${file}: ${(error as Error).message}`);
  }
  if (parsed.version !== signing.version || !Array.isArray(parsed.signatures))
    throw usageError(`${file} is not a ${signing.what} file of \`signet ${signing.command}\``);
  if (parsed.id !== id) throw usageError(`${file} is for ${parsed.id}, not ${id}`);
  return parsed;
}

/**
 * Every party signs `message(id)` in turn (like `sign` on a draft), collecting the
 * signatures in FILE; the party whose signature completes the set submits.
 */
export async function signAsParty(
  signing: PartySigning,
  id: string,
  file: string,
  command: Command,
): Promise<void> {
  const cli = CliContext.of(command);
  let agreementId: string;
  try {
    agreementId = parseBlockchainId(id).agreementId;
  } catch (error) {
    throw usageError(`ID: ${(error as Error).message}`);
  }
  const keys = await cli.keys();
  const client = await cli.client();
  const session = await cli.session();
  const { parties, status } = await client.agreement(id);
  if (!parties.includes(session.credentialId))
    throw new CliError(ExitCode.No, `you (${session.credentialId}) are not a party of ${id}`, 'NOT_A_PARTY');
  const collected = await readSignatures(file, id, signing);
  const signature = toHex(ed25519Sign(fromHex(signing.message(agreementId)), keys.signing.secretKey));
  collected.signatures = [
    ...collected.signatures.filter((s) => s.credentialId !== session.credentialId),
    { credentialId: session.credentialId, signature },
  ];
  await writeFile(file, JSON.stringify(collected, null, 2) + '\n');
  const missing = parties.filter((p) => !collected.signatures.some((s) => s.credentialId === p));
  if (missing.length > 0) {
    cli.print(
      { id, status, submitted: false, missing },
      `signed the ${signing.what} of ${id}; waiting for ${missing.length} party signature(s): ${missing.join(', ')}\n` +
        `each runs: signet --key THEIR.key ${signing.command} ${id} --file ${file}`,
    );
    return;
  }
  const result = await signing.submit(cli, id, collected.signatures);
  cli.print({ ...result.data, submitted: true, missing: [] }, result.text);
}
