import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { S3rverInstance } from '@signet/testing';

export interface S3rverProcess extends Omit<S3rverInstance, 'stop'> {
  pid: number;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** The built entry: beside this file in dist/, or under dist/ when this file runs from source (jest). */
function entry(): string {
  const beside = join(__dirname, 's3rver.main.js');
  if (existsSync(beside)) return beside;
  const root = join(__dirname, '..', '..');
  return join(root, 'dist', relative(root, __dirname), 's3rver.main.js');
}

/** Starts bench/support/s3rver.main.js and waits for its endpoint. */
export async function startS3rverProcess(dir: string | undefined, port?: number): Promise<S3rverProcess> {
  const args = [...(dir || port ? [dir ?? ''] : []), ...(port ? [String(port)] : [])];
  const child = spawn(process.execPath, [entry(), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before it served`)));
  });
  const endpoint = JSON.parse(first) as Omit<S3rverInstance, 'stop'>;
  const exited = new Promise<void>((done) =>
    child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done()),
  );
  return {
    ...endpoint,
    pid: child.pid!,
    exited,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
