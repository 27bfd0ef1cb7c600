import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ed25519Sign, fromHex, parseBlockchainId, terminationMessage, toHex } from '@signet/formats';
import { CliContext } from '../cli-context';
import { CliError, ExitCode, usageError } from '../cli-error';
import type { RegisterCommand } from './command';

interface TerminationFile {
  version: 'signet-termination/1';
  id: string;
  signatures: Array<{ credentialId: string; signature: string }>;
}

async function readTermination(file: string, id: string): Promise<TerminationFile> {
  if (!existsSync(file)) return { version: 'signet-termination/1', id, signatures: [] };
  let parsed: TerminationFile;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as TerminationFile;
  } catch (error) {
    throw usageError(`cannot read the termination file ${file}: ${(error as Error).message}`);
  }
  if (parsed.version !== 'signet-termination/1' || !Array.isArray(parsed.signatures))
    throw usageError(`${file} is not a termination file of \`signet terminate\``);
  if (parsed.id !== id) throw usageError(`${file} terminates ${parsed.id}, not ${id}`);
  return parsed;
}

/**
 * `signet terminate ID --file FILE`: every party signs keccak256("signet:termination:v1" ‖ id)
 * in turn (like `sign` on a draft); the party whose signature completes the set submits,
 * and the agreement becomes TERMINATED, on chain too.
 */
export const registerTerminate: RegisterCommand = (program) => {
  program
    .command('terminate')
    .description("agent: sign an agreement's termination; the last party's signature submits it (TERMINATED)")
    .argument('<id>', 'blockchain id')
    .requiredOption('--file <file>', 'collects the parties’ termination signatures (created by the first)')
    .action(async (id: string, options: { file: string }, command: Command) => {
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
        throw new CliError(
          ExitCode.No,
          `you (${session.credentialId}) are not a party of ${id}`,
          'NOT_A_PARTY',
        );
      const termination = await readTermination(options.file, id);
      const signature = toHex(ed25519Sign(fromHex(terminationMessage(agreementId)), keys.signing.secretKey));
      termination.signatures = [
        ...termination.signatures.filter((s) => s.credentialId !== session.credentialId),
        { credentialId: session.credentialId, signature },
      ];
      await writeFile(options.file, JSON.stringify(termination, null, 2) + '\n');
      const missing = parties.filter((p) => !termination.signatures.some((s) => s.credentialId === p));
      if (missing.length > 0) {
        cli.print(
          { id, status, submitted: false, missing },
          `signed the termination of ${id}; waiting for ${missing.length} party signature(s): ${missing.join(', ')}\n` +
            `each runs: signet --key THEIR.key terminate ${id} --file ${options.file}`,
        );
        return;
      }
      const result = await client.terminate(id, termination.signatures);
      cli.print({ ...result, submitted: true, missing: [] }, `${result.id}\n${result.status}`);
    });
};
