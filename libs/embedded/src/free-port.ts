import { createServer } from 'node:net';

/**
 * Asks the OS for a TCP port that is free right now on `host`. Another process can take it
 * before the caller binds it, so callers that can should retry on EADDRINUSE.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close((err) =>
        err ? reject(err) : port > 0 ? resolve(port) : reject(new Error('no port assigned')),
      );
    });
  });
}

/** Whether `port` can be bound on `host` right now (another process may take it a moment later). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
