import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeHttpJsonRpcProvider } from './node-http-rpc.provider';

/** A JSON-RPC endpoint on a real socket, answering with `answer` (status and body). */
async function endpoint(answer: (body: { method: string; id: number }[]) => { status: number; body: string }) {
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

describe('NodeHttpJsonRpcProvider', () => {
  it('answers through node:http, with multi-byte text intact', async () => {
    const node = await endpoint((calls) => ({
      status: 200,
      body: JSON.stringify(
        calls.map((call) => ({
          jsonrpc: '2.0',
          id: call.id,
          result: call.method === 'eth_blockNumber' ? '0x2a' : 'Grüße, 世界',
        })),
      ),
    }));
    const provider = new NodeHttpJsonRpcProvider(node.url, 31337, { staticNetwork: true });
    try {
      expect(await provider.getBlockNumber()).toBe(42);
      expect(await provider.send('web3_clientVersion', [])).toBe('Grüße, 世界');
    } finally {
      provider.destroy();
      await node.close();
    }
  });

  it('turns an HTTP failure into a rejected call', async () => {
    const node = await endpoint(() => ({ status: 503, body: 'overloaded' }));
    const provider = new NodeHttpJsonRpcProvider(node.url, 31337, { staticNetwork: true });
    try {
      await expect(provider.send('eth_blockNumber', [])).rejects.toThrow(/HTTP 503 overloaded/);
    } finally {
      provider.destroy();
      await node.close();
    }
  });

  it('passes a JSON-RPC error on to ethers, which maps it', async () => {
    const node = await endpoint((calls) => ({
      status: 200,
      body: JSON.stringify(
        calls.map((call) => ({ jsonrpc: '2.0', id: call.id, error: { code: -32601, message: 'no such method' } })),
      ),
    }));
    const provider = new NodeHttpJsonRpcProvider(node.url, 31337, { staticNetwork: true });
    try {
      await expect(provider.send('eth_nothing', [])).rejects.toThrow(/no such method/);
    } finally {
      provider.destroy();
      await node.close();
    }
  });
});
