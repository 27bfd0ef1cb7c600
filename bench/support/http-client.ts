import { Agent, request } from 'node:http';

// Kept-alive sockets, one per concurrent request: the load generator shares the two
// cores with the service, so it uses node:http, which costs a fraction of fetch's CPU.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * POST a JSON body and parse the JSON answer. A kept-alive socket that the server closed
 * while it sat idle fails at once with ECONNRESET; that request never reached the
 * service, so it is sent again on a fresh socket (as node's http documentation advises).
 */
export async function postJson(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<unknown> {
  try {
    return await postOnce(url, body, headers);
  } catch (error) {
    if (!(error instanceof StaleSocketError)) throw error;
    return postOnce(url, body, headers);
  }
}

class StaleSocketError extends Error {}

function postOnce(url: string, body: string | Buffer, headers: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
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
      reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocketError(error.message) : error),
    );
    req.end(body);
  });
}
