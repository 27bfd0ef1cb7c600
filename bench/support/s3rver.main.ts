/**
 * s3rver in a process of its own, as an object store is a service of its own: its work
 * neither delays the load generator's clock nor hides in its CPU figure. Prints the
 * endpoint as one JSON line, then serves until killed. Arguments: the objects' directory, and
 * optionally a port (the fault harness restarts it where the service expects it).
 */
import { startS3rver } from '@signet/testing';

async function main(): Promise<void> {
  const [dir, port] = process.argv.slice(2);
  const s3 = await startS3rver({
    bucket: 'signet-bench',
    dir: dir || undefined,
    port: port ? Number(port) : undefined,
  });
  const { stop: _stop, ...endpoint } = s3;
  process.stdout.write(`${JSON.stringify(endpoint)}\n`);
  process.on('SIGTERM', () => void s3.stop().then(() => process.exit(0)));
}

void main();
