import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeHttpJsonRpcProvider } from './node-http-rpc.provider';

/** A JSON-RPC endpoint on a real socket, answering with `answer` (status and body). */
async function endpoint(
  answer: (body: { method: string; id: number }[]) => { status: number; body: string },
) {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const parsed = JSON.parse(text) as { method: string; id: number } | { method: string; id: number }[];
      const { status, body } = answer(Array.isArray(parsed) ? parsed : [parsed]);
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) };
}

/** A provider on such an endpoint for the length of `use`; both closed after. */
async function withProvider(
  answer: Parameters<typeof endpoint>[0],
  use: (provider: NodeHttpJsonRpcProvider) => Promise<void>,
): Promise<void> {
  const node = await endpoint(answer);
  const provider = new NodeHttpJsonRpcProvider(node.url, 31337, { staticNetwork: true });
  try {
    await use(provider);
  } finally {
    provider.destroy();
    await node.close();
  }
}

const results = (calls: { method: string; id: number }[], result: (method: string) => unknown) =>
  JSON.stringify(calls.map((call) => ({ jsonrpc: '2.0', id: call.id, ...(result(call.method) as object) })));

describe('NodeHttpJsonRpcProvider', () => {
  it('answers through node:http, with multi-byte text intact', () =>
    withProvider(
      (calls) => ({
        status: 200,
        body: results(calls, (method) => ({ result: method === 'eth_blockNumber' ? '0x2a' : 'Grüße, 世界' })),
      }),
      async (provider) => {
        expect(await provider.getBlockNumber()).toBe(42);
        expect(await provider.send('web3_clientVersion', [])).toBe('Grüße, 世界');
      },
    ));

  it('turns an HTTP failure into a rejected call', () =>
    withProvider(
      () => ({ status: 503, body: 'overloaded' }),
      async (provider) => {
        await expect(provider.send('eth_blockNumber', [])).rejects.toThrow(/HTTP 503 overloaded/);
      },
    ));

  it('passes a JSON-RPC error on to ethers, which maps it', () =>
    withProvider(
      (calls) => ({
        status: 200,
        body: results(calls, () => ({ error: { code: -32601, message: 'no such method' } })),
      }),
      async (provider) => {
        await expect(provider.send('eth_nothing', [])).rejects.toThrow(/no such method/);
      },
    ));
});
