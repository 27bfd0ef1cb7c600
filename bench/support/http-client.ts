import { Agent, request } from 'node:http';

// Kept-alive sockets, one per concurrent request: the load generator shares the two
// cores with the service, so it uses node:http, which costs a fraction of fetch's CPU.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POST a JSON body and parse the JSON answer. */
export function postJson(url: string, body: string | Buffer, headers: Record<string, string>): Promise<unknown> {
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
    req.on('error', reject);
    req.end(body);
  });
}
