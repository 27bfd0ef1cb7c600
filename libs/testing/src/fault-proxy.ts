import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * What the proxy does with each connection:
 * - `pass`: forwards bytes both ways to the target;
 * - `refuse`: closes the connection at once (a server that accepts no one);
 * - `hang`: accepts and reads, never answers (a server that froze, or a black-holed route);
 * - `{ status, body }`: answers every HTTP request itself with that status, then closes.
 */
export type FaultMode = 'pass' | 'refuse' | 'hang' | { status: number; body?: string; contentType?: string };

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  mode(): FaultMode;
  /** Applies to new connections and ends the open ones, so a pooled connection cannot slip past. */
  setMode(mode: FaultMode): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy that injects faults between the service and a part (s3rver, anvil,
 * PostgreSQL), for the fault harness's degraded-part tests. It listens on a port the OS
 * picks; the target is `host:port`.
 */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = 'pass';
  const open = new Set<Socket>();
  const track = (socket: Socket): void => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    const current = mode;
    if (current === 'refuse') return void client.destroy();
    if (current === 'hang') return void client.resume();
    if (current === 'pass') {
      const upstream = connect(target);
      track(upstream);
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      return;
    }
    answerHttp(client, current);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    mode: () => mode,
    setMode(next) {
      mode = next;
      for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Waits for the end of a request's head, then answers it; the body, if any, is not waited for. */
function answerHttp(client: Socket, answer: { status: number; body?: string; contentType?: string }): void {
  let head = '';
  client.on('data', (chunk: Buffer) => {
    if (head.includes('\r\n\r\n')) return;
    head += chunk.toString('latin1');
    if (!head.includes('\r\n\r\n')) return;
    const body = Buffer.from(answer.body ?? '');
    client.end(
      `HTTP/1.1 ${answer.status} Fault\r\ncontent-type: ${answer.contentType ?? 'text/plain'}\r\n` +
        `content-length: ${body.length}\r\nconnection: close\r\n\r\n${body.toString('latin1')}`,
    );
  });
}
