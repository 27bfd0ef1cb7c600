import { Command, CommanderError, Option } from 'commander';
import { SIGNET_VERSION } from '../../registry/src/version';
import { DEFAULT_URL } from './cli-context';
import { classifyFailure, ExitCode, PrintedNo } from './cli-error';
import { COMMANDS } from './commands';

export function buildProgram(): Command {
  const program = new Command('signet')
    .description(
      'Signet: a neutral agreement registry. Keys, administration, deposits, audit and verification.',
    )
    .version(SIGNET_VERSION)
    .addOption(new Option('--url <url>', `Signet endpoint (env SIGNET_URL, default ${DEFAULT_URL})`))
    .addOption(new Option('--key <file>', 'your key file (env SIGNET_KEY)'))
    .option('--json', 'machine output: one JSON document on stdout')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  // Subcommands throw instead of exiting too, so every exit goes through one place.
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
}

export async function run(argv: string[]): Promise<ExitCode> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return ExitCode.Ok;
  } catch (error) {
    if (
      error instanceof CommanderError &&
      (error.exitCode === 0 || error.code === 'commander.helpDisplayed')
    ) {
      return ExitCode.Ok;
    }
    if (error instanceof PrintedNo) return error.exitCode;
    const failure = classifyFailure(error);
    // Commander has already printed its own usage message.
    if (!(error instanceof CommanderError)) process.stderr.write(`signet: ${failure.message}\n`);
    if (wantsJson(program, argv)) {
      process.stdout.write(
        JSON.stringify({ error: { code: failure.code, message: failure.message } }) + '\n',
      );
    }
    return failure.exitCode;
  }
}

function wantsJson(program: Command, argv: string[]): boolean {
  return program.opts<{ json?: boolean }>().json === true || argv.includes('--json');
}

// bin/signet.js calls run(); this is for `node dist/apps/cli/src/main.js` directly.
if (require.main === module) {
  void run(process.argv).then((code) => {
    process.exitCode = code;
  });
}
