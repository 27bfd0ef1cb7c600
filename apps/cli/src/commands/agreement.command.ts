import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ed25519Sign, fromHex, isHex, parseBlockchainId, toHex } from '@signet/formats';
import { CliContext } from '../cli-context';
import { CliError, ExitCode } from '../cli-error';
import type { RegisterCommand } from './command';

function agreementIdOf(id: string): string {
  return isHex(id, 32) ? id : parseBlockchainId(id).agreementId;
}

/** What a principal and a party do with a deposited agreement: ratify, reject, look, keep the receipt. */
export const registerAgreement: RegisterCommand = (program) => {
  program
    .command('ratify')
    .description('principal: sign a deal beyond your agent’s mandate so it gets anchored')
    .argument('<id>', 'blockchain id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const keys = await cli.keys();
      const signature = toHex(ed25519Sign(fromHex(agreementIdOf(id)), keys.signing.secretKey));
      const result = await (await cli.client()).ratify(id, signature);
      cli.print(result, `${result.id}\n${result.status}`);
    });

  program
    .command('reject')
    .description('principal: refuse a deal beyond your agent’s mandate')
    .argument('<id>', 'blockchain id')
    .requiredOption('--reason <text>', 'why (kept in the record)')
    .action(async (id: string, options: { reason: string }, command: Command) => {
      const cli = CliContext.of(command);
      const result = await (await cli.client()).reject(id, options.reason);
      cli.print(result, `${result.id}\n${result.status}`);
    });

  program
    .command('status')
    .description('state, anchor and proof of an agreement')
    .argument('<id>', 'blockchain id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const agreement = await (await cli.client()).agreement(id);
      const anchor = agreement.anchor
        ? `anchored in block ${agreement.anchor.blockNumber} (tx ${agreement.anchor.txHash}, log ${agreement.anchor.logIndex})`
        : 'not anchored yet';
      cli.print(agreement, `${agreement.id}\n${agreement.status}\n${anchor}`);
    });

  program
    .command('receipt')
    .description('write the receipt a party keeps (needed to verify without Signet)')
    .argument('<id>', 'blockchain id')
    .requiredOption('--out <file>', 'where to write it')
    .option(
      '--bundle',
      'write the evidence bundle instead: the receipt with the status evidence, for a court',
    )
    .action(async (id: string, options: { out: string; bundle?: boolean }, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const what = options.bundle ? 'evidence bundle' : 'receipt';
      const written = options.bundle ? await client.evidenceBundle(id) : await client.receipt(id);
      if (!written)
        throw new CliError(ExitCode.No, `the agreement is not anchored yet: no ${what}`, 'NOT_ANCHORED');
      await writeFile(options.out, written);
      cli.print(
        { id, file: options.out, bundle: options.bundle === true },
        `${what} written to ${options.out}`,
      );
    });
};
