import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@signet/embedded';
import { chooseAnvilPort, rememberAnvilPort, USUAL_RPC_PORT } from './anvil-port';

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => resolve(server));
  });
}

describe('the embedded anvil port', () => {
  it('is the remembered one while it is free, so saved RPC URLs keep working', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-port-'));
    const port = await freePort();
    await rememberAnvilPort(dataDir, port);
    expect(await chooseAnvilPort(dataDir, undefined)).toBe(port);
  });

  it('moves off a remembered port that is taken, to 8545 or to one the OS picks', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-port-'));
    const taken = await occupy(0);
    const port = (taken.address() as { port: number }).port;
    try {
      await rememberAnvilPort(dataDir, port);
      expect([USUAL_RPC_PORT, 0]).toContain(await chooseAnvilPort(dataDir, undefined));
    } finally {
      taken.close();
    }
  });

  it('is SIGNET_ANVIL_PORT when that is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'signet-port-'));
    await rememberAnvilPort(dataDir, 1234);
    expect(await chooseAnvilPort(dataDir, 4321)).toBe(4321);
  });
});
