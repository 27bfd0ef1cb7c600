import type { Command } from 'commander';
import { generateKeyPair } from '@signet/formats';
import { CliContext } from '../cli-context';
import { writeKeyFiles } from '../keys/key-files';
import type { RegisterCommand } from './command';

export const registerKeys: RegisterCommand = (program) => {
  const keys = program.command('keys').description('key pairs');
  keys
    .command('new')
    .description('a new Ed25519 + X25519 key pair in FILE (mode 0600) and its public half in FILE.pub')
    .requiredOption('--out <file>', 'where to write the key pair')
    .action(async (options: { out: string }, command: Command) => {
      const cli = CliContext.of(command);
      const publicKeys = await writeKeyFiles(options.out, generateKeyPair());
      cli.print(
        {
          file: options.out,
          publicFile: `${options.out}.pub`,
          signingKey: publicKeys.signingKey,
          boxKey: publicKeys.boxKey,
        },
        `wrote ${options.out} (keep it secret) and ${options.out}.pub\nsigning key ${publicKeys.signingKey}\nbox key     ${publicKeys.boxKey}`,
      );
    });
};
