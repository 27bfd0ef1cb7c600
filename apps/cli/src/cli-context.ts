import type { Command } from 'commander';
import type { SignetKeyPair } from '@signet/formats';
import { SignetClient } from '@signet/sdk';
import { usageError } from './cli-error';
import { readKeyFile } from './keys/key-files';
import { logIn, type Session } from './login';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

interface GlobalOptions {
  url?: string;
  key?: string;
  json?: boolean;
}

/**
 * What every command gets: the global options resolved (flag, then environment, then
 * default), the caller's keys, a client that logs in on first use, and one way to print.
 */
export class CliContext {
  private keysLoaded: Promise<SignetKeyPair> | undefined;
  private sessionStarted: Promise<Session> | undefined;
  private readonly signet: SignetClient;

  constructor(
    readonly url: string,
    readonly keyFile: string | undefined,
    readonly json: boolean,
    private readonly stdout: (text: string) => void = (text) => process.stdout.write(text),
  ) {
    this.signet = new SignetClient(url);
  }

  static of(command: Command, env: NodeJS.ProcessEnv = process.env): CliContext {
    const options = command.optsWithGlobals<GlobalOptions>();
    return new CliContext(
      options.url ?? env.SIGNET_URL ?? DEFAULT_URL,
      options.key ?? env.SIGNET_KEY,
      options.json === true,
    );
  }

  /** The key pair of --key / SIGNET_KEY; a usage error (exit 2) when none is given. */
  keys(): Promise<SignetKeyPair> {
    if (!this.keyFile) return Promise.reject(usageError('this command needs --key FILE (or SIGNET_KEY)'));
    this.keysLoaded ??= readKeyFile(this.keyFile);
    return this.keysLoaded;
  }

  /** A client logged in with --key (once per run). */
  async client(): Promise<SignetClient> {
    await this.session();
    return this.signet;
  }

  /** A client without credential, for public operations (status, verify). */
  publicClient(): SignetClient {
    return this.signet;
  }

  async session(): Promise<Session> {
    this.sessionStarted ??= this.keys().then((keys) => logIn(this.signet, keys));
    return this.sessionStarted;
  }

  /** A message for the person at the terminal: on stderr, so stdout stays the answer. */
  note(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** With --json: the value as one JSON document; otherwise the human text. */
  print(value: unknown, text: string): void {
    this.stdout(this.json ? JSON.stringify(value, null, 2) + '\n' : text.endsWith('\n') ? text : text + '\n');
  }
}
