/**
 * s3rver in a process of its own, as an object store is a service of its own: its work
 * neither delays the load generator's clock nor hides in its CPU figure. Prints the
 * endpoint as one JSON line, then serves until killed. Argument: the objects' directory.
 */
import { startS3rver } from '@signet/embedded';

async function main(): Promise<void> {
  const s3 = await startS3rver({ bucket: 'signet-bench', dir: process.argv[2] });
  const { stop: _stop, ...endpoint } = s3;
  process.stdout.write(`${JSON.stringify(endpoint)}\n`);
  process.on('SIGTERM', () => void s3.stop().then(() => process.exit(0)));
}

void main();
