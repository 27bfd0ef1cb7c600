import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { S3rverInstance } from '@signet/embedded';

export interface S3rverProcess extends Omit<S3rverInstance, 'stop'> {
  pid: number;
  stop(): Promise<void>;
}

/** Starts bench/support/s3rver.main.js and waits for its endpoint. */
export async function startS3rverProcess(dir: string | undefined): Promise<S3rverProcess> {
  const child = spawn(process.execPath, [join(__dirname, 's3rver.main.js'), ...(dir ? [dir] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before it served`)));
  });
  const endpoint = JSON.parse(first) as Omit<S3rverInstance, 'stop'>;
  return {
    ...endpoint,
    pid: child.pid!,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
