import type { EmbeddedPostgres } from '../libs/embedded/src/postgres-process';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { signetTestPostgres?: EmbeddedPostgres }).signetTestPostgres;
  if (server) await server.stop();
}
