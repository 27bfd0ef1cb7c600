import { CommanderError } from 'commander';
import { DomainError } from '@signet/domain';
import { FormatError } from '@signet/formats';
import { SdkError, SignetApiError, SignetUnreachableError } from '@signet/sdk';

/** The CLI's exit codes (README, CLI): scripts branch on them. */
export enum ExitCode {
  Ok = 0,
  /** The answer is "no": invalid, refused, not found. */
  No = 1,
  /** Usage or setup: bad arguments, unreadable key file. */
  Usage = 2,
  /** The service or the chain could not be reached. */
  Unreachable = 3,
}

/** A failure the CLI explains itself, with the exit code it means. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly code = exitCode === ExitCode.Usage
      ? 'USAGE'
      : exitCode === ExitCode.Unreachable
        ? 'UNREACHABLE'
        : 'REFUSED',
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The answer was "no" and is already printed (a refusing `policy check`): only the exit code is left. */
export class PrintedNo extends CliError {
  constructor(code: string) {
    super(ExitCode.No, code, code);
  }
}

/** Said whenever a chain endpoint does not answer: where the right one is written. */
export const CHAIN_HINT =
  'Is the RPC URL right? `signet info` prints the one Signet anchors to (the embedded chain keeps its port across restarts)';

/** Said whenever Signet does not answer. */
export const SIGNET_HINT =
  'Is it running? Start it with `npm start` in its checkout, or pass --url (SIGNET_URL)';

export const usageError = (message: string): CliError => new CliError(ExitCode.Usage, message);

export interface ClassifiedFailure {
  exitCode: ExitCode;
  code: string;
  message: string;
}

/** Every failure, whoever threw it, as an exit code, a stable code and a message. */
export function classifyFailure(error: unknown): ClassifiedFailure {
  if (error instanceof CliError)
    return { exitCode: error.exitCode, code: error.code, message: error.message };
  if (error instanceof SignetUnreachableError)
    return { exitCode: ExitCode.Unreachable, code: error.code, message: `${error.message}. ${SIGNET_HINT}` };
  if (error instanceof SignetApiError)
    return { exitCode: ExitCode.No, code: error.code, message: error.message };
  if (error instanceof SdkError) return { exitCode: ExitCode.No, code: error.code, message: error.message };
  if (error instanceof DomainError)
    return { exitCode: ExitCode.No, code: error.code, message: error.message };
  if (error instanceof FormatError)
    return { exitCode: ExitCode.No, code: error.code, message: error.message };
  if (error instanceof CommanderError)
    return { exitCode: ExitCode.Usage, code: 'USAGE', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: ExitCode.No, code: 'ERROR', message };
}
