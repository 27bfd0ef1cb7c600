import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './project-root';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON document `--json` promises. */
  json<T = Record<string, unknown>>(): T;
}

const BIN = join(projectRoot(), 'bin/signet.js');

/** Runs the `signet` CLI as a user would (the built bin), never throwing on a non-zero exit. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({
          code,
          stdout,
          stderr,
          json: <T>() => {
            try {
              return JSON.parse(stdout) as T;
            } catch {
              throw new Error(
                `signet ${args.join(' ')} printed no JSON (exit ${code}):\n${stdout}\n${stderr}`,
              );
            }
          },
        });
      },
    );
  });
}
