import type { Command } from 'commander';

/**
 * One file per command (group) registers itself on the program. To add a command, write
 * `commands/<name>.command.ts` exporting a `RegisterCommand`, and list it in
 * `commands/index.ts`. In the action, `CliContext.of(command)` gives the global options,
 * the keys, a logged-in client and `print`; throw CliError (or let SDK errors through)
 * and main turns it into the exit code.
 */
export type RegisterCommand = (program: Command) => void;

/** Splits `DE,FR` (and tolerates spaces); undefined when the option was not given. */
export function listOption(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
