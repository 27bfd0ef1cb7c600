import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { isHex, parseBlockchainId, type BlockchainId } from '@signet/formats';
import { CliContext } from '../cli-context';
import { ExitCode, usageError } from '../cli-error';
import type { RegisterCommand } from './command';
import { verifyAgainstChain, type CliVerdict } from './verify-chain';

interface VerifyOptions {
  rpc?: string;
  receipt?: string;
  text?: string;
  salt?: string;
  confirmations: string;
  fromBlock?: string;
}

const VERIFY_QUERY = `query ($id: String!, $text: String, $salt: String) {
  verify(blockchainId: $id, text: $text, salt: $salt) { valid checks { name ok detail } warnings }
}`;

/**
 * `signet verify ID`: with --rpc and --receipt only the chain and the receipt are read (a
 * court needs nothing from Signet); without --rpc, Signet's public verify query answers.
 * Exit 0 only when every check passes, 1 when the answer is "invalid".
 */
export const registerVerify: RegisterCommand = (program) => {
  program
    .command('verify')
    .description('verify an agreement: against the chain alone (--rpc, --receipt), or through Signet')
    .argument('<id>', 'blockchain id (eip155:<chainId>:<registry>:<agreementId>)')
    .option('--rpc <url>', 'any JSON-RPC endpoint of the chain: verify without Signet (needs --receipt)')
    .option('--receipt <file>', 'the receipt the party kept (signet receipt)')
    .option('--text <file>', 'the agreement text, to check the commitment (with --salt)')
    .option('--salt <hex>', 'the 32-byte salt, 0x hex (with --text)')
    .option('--confirmations <n>', 'blocks on top of the anchor before it counts as final (with --rpc)', '2')
    .option(
      '--from-block <n>',
      "first block to search for the registry's logs, e.g. its deployment block (with --rpc; default 0)",
    )
    .action(async (id: string, options: VerifyOptions, command: Command) => {
      const cli = CliContext.of(command);
      const parsed = parseId(id);
      const input = await readInputs(options);
      let verdict: CliVerdict;
      if (options.rpc !== undefined || input.receiptText !== undefined) {
        if (input.receiptText === undefined)
          throw usageError('--rpc needs --receipt FILE: the receipt is the evidence');
        // Without --rpc, Signet only says where its chain is; the verdict still comes from the chain.
        const rpcUrl = options.rpc ?? (await cli.publicClient().status()).rpcUrl;
        verdict = await verifyAgainstChain({
          blockchainId: id,
          parsed,
          rpcUrl,
          receiptText: input.receiptText,
          text: input.text,
          salt: options.salt,
          confirmations: input.confirmations,
          fromBlock: input.fromBlock,
        });
      } else {
        const answer = await cli.publicClient().request<{ verify: CliVerdict }>(VERIFY_QUERY, {
          id,
          text: input.text ?? null,
          salt: options.salt ?? null,
        });
        verdict = answer.verify;
      }
      cli.print(
        { valid: verdict.valid, checks: verdict.checks, warnings: verdict.warnings },
        describe(id, verdict),
      );
      if (!verdict.valid) {
        // The verdict is the answer, already printed as one document; main would print a
        // second one for a thrown error, so the exit code is set as the process ends.
        process.once('exit', () => {
          process.exitCode = ExitCode.No;
        });
      }
    });
};

function parseId(id: string): BlockchainId {
  try {
    return parseBlockchainId(id);
  } catch (error) {
    throw usageError(`ID: ${(error as Error).message}`);
  }
}

async function readInputs(
  options: VerifyOptions,
): Promise<{ receiptText?: string; text?: string; confirmations: number; fromBlock: number }> {
  if ((options.text === undefined) !== (options.salt === undefined))
    throw usageError('--text and --salt go together: the commitment needs both');
  if (options.salt !== undefined && !isHex(options.salt, 32))
    throw usageError('--salt must be 0x followed by 64 lower-case hex digits');
  const confirmations = Number(options.confirmations);
  if (!Number.isInteger(confirmations) || confirmations < 0)
    throw usageError('--confirmations must be a whole number');
  const fromBlock = Number(options.fromBlock ?? '0');
  if (!Number.isInteger(fromBlock) || fromBlock < 0) throw usageError('--from-block must be a whole number');
  const read = async (file: string | undefined, what: string): Promise<string | undefined> => {
    if (file === undefined) return undefined;
    try {
      // The text is hashed byte for byte as UTF-8 (docs/FORMATS.md §3): no trimming.
      return await readFile(file, 'utf8');
    } catch (error) {
      throw usageError(`cannot read ${what} ${file}: ${(error as Error).message}`);
    }
  };
  return {
    receiptText: await read(options.receipt, 'the receipt'),
    text: await read(options.text, 'the text'),
    confirmations,
    fromBlock,
  };
}

function describe(id: string, verdict: CliVerdict): string {
  const lines = verdict.checks.map((check) => `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  const warnings = verdict.warnings.map((warning) => `warning: ${warning}`);
  const failed = verdict.checks.filter((check) => !check.ok).map((check) => check.name);
  const summary = verdict.valid ? `VALID ${id}` : `INVALID ${id}: failed ${failed.join(', ')}`;
  return [...lines, ...warnings, summary].join('\n');
}
