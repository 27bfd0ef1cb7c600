import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createDraft, parseDraft, signDraft, type Draft } from '@signet/sdk';
import { CliContext } from '../cli-context';
import { CliError, ExitCode, usageError } from '../cli-error';
import { DEPOSIT_LIMITS } from '@signet/domain';
import type { RegisterCommand } from './command';

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw usageError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

async function readDraft(file: string): Promise<Draft> {
  return parseDraft(await readText(file, 'draft'));
}

async function writeDraft(file: string, draft: Draft): Promise<void> {
  await writeFile(file, JSON.stringify(draft, null, 2) + '\n', { mode: 0o600 });
}

/** Parties' side of flow 1: seal and compute the id, sign, deposit. Nothing plain leaves this machine. */
export const registerDraft: RegisterCommand = (program) => {
  program
    .command('draft')
    .description('seal the text to the parties and the designated regulators, and compute the agreement id')
    .requiredOption('--text <file>', 'the agreement text (UTF-8)')
    .requiredOption(
      '--meta <file>',
      'the public metadata (JSON: type, parties, jurisdictions, effectiveAt, expiresAt, …)',
    )
    .requiredOption('--out <file>', 'where to write the draft')
    .action(async (options: { text: string; meta: string; out: string }, command: Command) => {
      const cli = CliContext.of(command);
      const text = await readText(options.text, 'text');
      let metadata: { parties?: unknown; jurisdictions?: unknown };
      try {
        metadata = JSON.parse(await readText(options.meta, 'metadata')) as typeof metadata;
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw usageError(`${options.meta} is not JSON`);
      }
      const parties = Array.isArray(metadata.parties) ? metadata.parties.map(String) : [];
      const jurisdictions = Array.isArray(metadata.jurisdictions) ? metadata.jurisdictions.map(String) : [];
      const client = await cli.client();
      const [status, recipients] = await Promise.all([
        client.status(),
        client.recipients(jurisdictions, parties),
      ]);
      const { draft, salt } = createDraft({
        text,
        metadata,
        recipients,
        chainId: status.chainId,
        registry: status.registryAddress,
      });
      await writeDraft(options.out, draft);
      cli.print(
        {
          id: draft.blockchainId,
          agreementId: draft.agreementId,
          salt,
          recipients: recipients.length,
          file: options.out,
        },
        `${draft.blockchainId}\nsealed to ${recipients.length} recipients; draft written to ${options.out}\n` +
          `salt ${salt} (every recipient can recover it with \`signet open\`)`,
      );
    });

  program
    .command('sign')
    .description(
      'add your signature to a draft (after opening it and checking the text against its commitment)',
    )
    .argument('<draft>', 'the draft file; it is updated in place')
    .action(async (file: string, _options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const signed = signDraft(await readDraft(file), await cli.keys());
      await writeDraft(file, signed);
      const missing = signed.recipients.filter(
        (r) => r.kind === 'party' && !signed.signatures.some((s) => s.credentialId === r.credentialId),
      );
      cli.print(
        {
          id: signed.blockchainId,
          signatures: signed.signatures.length,
          missing: missing.map((r) => r.credentialId),
        },
        `signed ${signed.blockchainId}; ${missing.length === 0 ? 'every party has signed' : `${missing.length} party signature(s) missing`}`,
      );
    });

  program
    .command('deposit')
    .description(
      'deposit signed drafts; prints the blockchain id and status of each (several go in one call, up to 100)',
    )
    .argument('<drafts...>', 'the draft files')
    .action(async (files: string[], _options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const drafts = await Promise.all(files.map(readDraft));
      const unsigned = files.filter((_file, index) => drafts[index].signatures.length === 0);
      if (unsigned.length > 0)
        throw new CliError(ExitCode.No, `${unsigned.join(', ')}: no signatures yet: run \`signet sign\``);
      const client = await cli.client();
      if (drafts.length === 1) {
        const result = await client.deposit(drafts[0]);
        cli.print(
          {
            id: result.id,
            agreementId: result.agreementId,
            status: result.status,
            replayed: result.replayed,
          },
          `${result.id}\n${result.status}${result.replayed ? ' (already deposited)' : ''}`,
        );
        return;
      }
      if (drafts.length > DEPOSIT_LIMITS.maxBatchSize)
        throw usageError(`at most ${DEPOSIT_LIMITS.maxBatchSize} drafts per deposit`);
      const items = await client.depositMany(drafts);
      const rows = items.map((item, index) =>
        item.ok
          ? { file: files[index], ...item.result }
          : { file: files[index], code: item.code, message: item.message },
      );
      cli.print(
        rows,
        rows
          .map((row) =>
            'code' in row
              ? `${row.file}: refused, ${row.code}: ${row.message}`
              : `${row.file}: ${row.id} ${row.status}${row.replayed ? ' (already deposited)' : ''}`,
          )
          .join('\n'),
      );
      // Exit 1 when any draft was refused: a script must not take a partial batch for
      // success. The answer is already printed as one document (see verify.command.ts).
      if (rows.some((row) => 'code' in row)) {
        process.once('exit', () => {
          process.exitCode = ExitCode.No;
        });
      }
    });
};
