import { Agent, request } from 'node:http';

// Kept-alive sockets, one per concurrent request: the load generator shares the two
// cores with the service, so it uses node:http, which costs a fraction of fetch's CPU.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * POST a JSON body and parse the JSON answer. A kept-alive socket that the server closed
 * while it sat idle fails at once (ECONNRESET, "socket hang up") before any answer; that
 * request never reached the service, so it is sent once more, on a connection of its own
 * (`agent: false`): through the pool it could be handed the next stale socket.
 */
export async function postJson(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<unknown> {
  try {
    return await postOnce(url, body, headers, agent);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    return postOnce(url, body, headers, false);
  }
}

/** The connection failed before any answer came: the request may be sent again. */
class StaleSocketError extends Error {}

function postOnce(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  via: Agent | false,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      url,
      {
        method: 'POST',
        agent: via,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new Error(`not JSON: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(!answered && error.code === 'ECONNRESET' ? new StaleSocketError(error.message) : error),
    );
    req.end(body);
  });
}
