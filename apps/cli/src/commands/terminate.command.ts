import type { Command } from 'commander';
import { terminationMessage } from '@signet/formats';
import type { RegisterCommand } from './command';
import { signAsParty, type PartySigning } from './party-signing';

const TERMINATION: PartySigning = {
  version: 'signet-termination/1',
  what: 'termination',
  command: 'terminate',
  message: terminationMessage,
  async submit(cli, id, signatures) {
    const result = await (await cli.client()).terminate(id, signatures);
    return { data: { ...result }, text: `${result.id}\n${result.status}` };
  },
};

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
    .action((id: string, options: { file: string }, command: Command) =>
      signAsParty(TERMINATION, id, options.file, command),
    );
};
