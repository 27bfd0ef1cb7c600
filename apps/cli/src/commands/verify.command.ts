import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { isHex, parseBlockchainId, pemCertificates, type BlockchainId } from '@signet/formats';
import { CliContext } from '../cli-context';
import { ExitCode, usageError } from '../cli-error';
import type { RegisterCommand } from './command';
import type { FinalityMode } from './chain-view';
import { verifyAgainstChain, type CliVerdict } from './verify-chain';

interface VerifyOptions {
  rpc: string[];
  receipt?: string;
  bundle?: string;
  text?: string;
  salt?: string;
  confirmations: string;
  fromBlock?: string;
  logRange: string;
  tsaCa?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const VERIFY_QUERY = `query ($id: String!, $text: String, $salt: String) {
  verify(blockchainId: $id, text: $text, salt: $salt) { valid checks { name ok detail } warnings }
}`;

/**
 * `signet verify ID`: with --rpc and --receipt (or --bundle) only the chain and the party's
 * evidence are read (a court needs nothing from Signet); without either, Signet's public
 * verify query answers. Exit 0 only when every check passes, 1 when the answer is "invalid".
 */
export const registerVerify: RegisterCommand = (program) => {
  program
    .command('verify')
    .description('verify an agreement: against the chain alone (--rpc, --receipt), or through Signet')
    .argument('<id>', 'blockchain id (eip155:<chainId>:<registry>:<agreementId>)')
    .option(
      '--rpc <url>',
      'a JSON-RPC endpoint of the chain: verify without Signet (needs --receipt or --bundle); repeat it and all must agree',
      collect,
      [],
    )
    .option('--receipt <file>', 'the receipt the party kept (signet receipt)')
    .option('--bundle <file>', 'the evidence bundle the party kept (signet receipt --bundle)')
    .option('--text <file>', 'the agreement text, to check the commitment (with --salt)')
    .option('--salt <hex>', 'the 32-byte salt, 0x hex (with --text)')
    .option(
      '--confirmations <n|finalized>',
      "finality (FORMATS.md §12): blocks counting the anchor's own, or the chain's finalized tag",
      '2',
    )
    .option(
      '--from-block <n>',
      "first block to search for the registry's logs (default: the receipt's deploymentBlock, else 0)",
    )
    .option('--log-range <n>', 'blocks per eth_getLogs request (public endpoints cap it)', '10000')
    .option(
      '--tsa-ca <file>',
      "PEM certificate(s) of the TSA root you trust: a bundle's timestamp chain must end there",
    )
    .action(async (id: string, options: VerifyOptions, command: Command) => {
      const cli = CliContext.of(command);
      const parsed = parseId(id);
      const input = await readInputs(options);
      let verdict: CliVerdict;
      if (options.rpc.length > 0 || input.evidenceText !== undefined) {
        if (input.evidenceText === undefined)
          throw usageError('--rpc needs --receipt FILE or --bundle FILE: that is the evidence');
        // Without --rpc, Signet only says where its chain is; the verdict still comes from the chain.
        const rpcUrls = options.rpc.length > 0 ? options.rpc : [(await cli.publicClient().status()).rpcUrl];
        verdict = await verifyAgainstChain({
          blockchainId: id,
          parsed,
          rpcUrls,
          evidenceText: input.evidenceText,
          bundle: options.bundle !== undefined,
          text: input.text,
          salt: options.salt,
          finality: input.finality,
          fromBlock: input.fromBlock,
          logRange: input.logRange,
          tsaRoots: input.tsaRoots,
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
        {
          valid: verdict.valid,
          checks: verdict.checks,
          warnings: verdict.warnings,
          liability: verdict.liability ?? [],
          disclosed: verdict.disclosed ?? null,
          timestamp: verdict.timestamp ?? null,
        },
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

interface VerifyInputs {
  evidenceText?: string;
  text?: string;
  finality: FinalityMode;
  fromBlock?: number;
  logRange: number;
  tsaRoots?: Uint8Array[];
}

async function readInputs(options: VerifyOptions): Promise<VerifyInputs> {
  if ((options.text === undefined) !== (options.salt === undefined))
    throw usageError('--text and --salt go together: the commitment needs both');
  if (options.salt !== undefined && !isHex(options.salt, 32))
    throw usageError('--salt must be 0x followed by 64 lower-case hex digits');
  if (options.receipt !== undefined && options.bundle !== undefined)
    throw usageError('--receipt and --bundle: give one, the bundle holds the receipt');
  const whole = (value: string, flag: string, min: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw usageError(`${flag} must be a whole number ≥ ${min}`);
    return n;
  };
  const finality: FinalityMode =
    options.confirmations === 'finalized'
      ? 'finalized'
      : { depth: whole(options.confirmations, '--confirmations', 0) };
  const fromBlock = options.fromBlock === undefined ? undefined : whole(options.fromBlock, '--from-block', 0);
  const logRange = whole(options.logRange, '--log-range', 1);
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
    evidenceText: await read(
      options.bundle ?? options.receipt,
      options.bundle ? 'the bundle' : 'the receipt',
    ),
    text: await read(options.text, 'the text'),
    tsaRoots: await tsaRootsOf(options.tsaCa, read),
    finality,
    fromBlock,
    logRange,
  };
}

async function tsaRootsOf(
  file: string | undefined,
  read: (file: string | undefined, what: string) => Promise<string | undefined>,
): Promise<Uint8Array[] | undefined> {
  const pem = await read(file, 'the TSA root');
  if (pem === undefined) return undefined;
  try {
    return pemCertificates(pem, '--tsa-ca');
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

function describe(id: string, verdict: CliVerdict): string {
  const lines = verdict.checks.map((check) => `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  const warnings = verdict.warnings.map((warning) => `warning: ${warning}`);
  const disclosed = verdict.disclosed
    ? [
        'public metadata on chain (AgreementDisclosed):',
        `  type          ${verdict.disclosed.type}`,
        `  parties       ${verdict.disclosed.parties.join(', ')}`,
        `  jurisdictions ${verdict.disclosed.jurisdictions.join(', ')}`,
        `  effective     ${verdict.disclosed.effectiveAt}`,
        `  expires       ${verdict.disclosed.expiresAt}`,
        `  parent        ${verdict.disclosed.parentId ?? 'none'}`,
      ]
    : [];
  const failed = verdict.checks.filter((check) => !check.ok).map((check) => check.name);
  const summary = verdict.valid ? `VALID ${id}` : `INVALID ${id}: failed ${failed.join(', ')}`;
  const time = verdict.timestamp
    ? [`timestamp: ${verdict.timestamp.genTime} by ${verdict.timestamp.tsa}`]
    : [];
  return [...lines, ...disclosed, ...warnings, ...time, summary].join('\n');
}
