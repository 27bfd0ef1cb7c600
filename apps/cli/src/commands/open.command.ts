import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  commitment,
  digestMatches,
  fromBase64,
  open,
  parseBlockchainId,
  toHex,
  type EvidenceCheck,
} from '@signet/formats';
import { CliContext } from '../cli-context';
import { CliError, ExitCode, usageError } from '../cli-error';
import type { RegisterCommand } from './command';
import { verifyAgainstChain } from './verify-chain';

interface OpenedSealed {
  agreementId: string;
  sealedBlob: string;
  wrap: { keyId: string; box: string };
  commitment: string;
  sealedDigest: string;
}

interface OpenOptions {
  purpose: string;
  out: string;
  rpc?: string;
  force?: boolean;
}

const OPEN_MUTATION = `mutation ($id: String!, $purpose: String!) {
  openSealed(id: $id, purpose: $purpose) { agreementId sealedBlob wrap { keyId box } commitment sealedDigest }
}`;

/**
 * `signet open ID --purpose TEXT --out FILE`: a recipient fetches the sealed text (the read,
 * with its purpose, goes into the access trail), decrypts it here with its own key, and
 * checks it: against the commitment Signet holds, and — once anchored — against the chain
 * through the receipt, exactly as a court would. The text is written only if it holds.
 */
export const registerOpen: RegisterCommand = (program) => {
  program
    .command('open')
    .description(
      'recipient: fetch the sealed text, decrypt it locally, check the commitment; prints the salt',
    )
    .argument('<id>', 'blockchain id')
    .requiredOption('--purpose <text>', 'why you read it (logged, shown to the parties)')
    .requiredOption('--out <file>', 'where to write the text')
    .option('--rpc <url>', 'JSON-RPC endpoint of the chain (default: the one Signet names)')
    .option('--force', 'overwrite --out if it exists')
    .action(async (id: string, options: OpenOptions, command: Command) => {
      const cli = CliContext.of(command);
      const parsed = parseId(id);
      // Before the read is logged: a refused write should not cost a line in the access trail.
      if (!options.force && existsSync(options.out))
        throw usageError(`${options.out} exists: pass --force to overwrite it`);
      const keys = await cli.keys();
      const client = await cli.client();
      const { openSealed: sealed } = await client.request<{ openSealed: OpenedSealed }>(OPEN_MUTATION, {
        id,
        purpose: options.purpose,
      });
      const blob = fromBase64(sealed.sealedBlob, 'sealedBlob');
      // Throws WRAP_MISMATCH / DECRYPTION_FAILED (exit 1) when the key or the blob is wrong.
      const opened = open(blob, sealed.wrap, keys.box.secretKey, keys.box.publicKey);
      const salt = toHex(opened.salt);
      const checks: EvidenceCheck[] = [
        check(
          'sealed-digest',
          digestMatches(blob, sealed.sealedDigest),
          'H(blob) equals the deposited digest',
          'H(blob) differs from the deposited digest: the blob was swapped',
        ),
        check(
          'commitment',
          commitment(opened.salt, opened.text) === sealed.commitment,
          'H(salt ‖ text) equals the deposited commitment',
          'H(salt ‖ text) differs from the deposited commitment',
        ),
      ];
      const warnings: string[] = [];
      const receipt = await client.receipt(id);
      if (!receipt) {
        warnings.push('not anchored yet: checked against Signet’s record only, not the chain');
      } else {
        try {
          const rpcUrl = options.rpc ?? (await client.status()).rpcUrl;
          const chain = await verifyAgainstChain({
            blockchainId: id,
            parsed,
            rpcUrls: [rpcUrl],
            evidenceText: receipt,
            bundle: false,
            text: opened.text,
            salt,
            finality: { depth: 0 },
            logRange: 10_000,
          });
          checks.push(...chain.checks.map((c) => ({ ...c, name: `chain:${c.name}` })));
          warnings.push(...chain.warnings);
        } catch (error) {
          if (!(error instanceof CliError) || error.exitCode !== ExitCode.Unreachable) throw error;
          warnings.push(`${error.message}: the commitment was not checked against the chain`);
        }
      }
      const failed = checks.filter((c) => !c.ok).map((c) => c.name);
      const valid = failed.length === 0;
      if (valid) await writeFile(options.out, opened.text, { mode: 0o600, flag: options.force ? 'w' : 'wx' });
      const result = {
        id,
        agreementId: sealed.agreementId,
        salt,
        file: valid ? options.out : null,
        valid,
        checks,
        warnings,
      };
      const lines = [
        ...checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
        ...warnings.map((w) => `warning: ${w}`),
        valid ? `text written to ${options.out}` : `NOT written: failed ${failed.join(', ')}`,
        `salt ${salt}`,
      ];
      cli.print(result, lines.join('\n'));
      if (!valid) {
        // The result is already printed as one document; main would print a second one.
        process.once('exit', () => {
          process.exitCode = ExitCode.No;
        });
      }
    });
};

function check(name: string, ok: boolean, holds: string, fails: string): EvidenceCheck {
  return { name, ok, detail: ok ? holds : fails };
}

function parseId(id: string) {
  try {
    return parseBlockchainId(id);
  } catch (error) {
    throw usageError(`ID: ${(error as Error).message}`);
  }
}
