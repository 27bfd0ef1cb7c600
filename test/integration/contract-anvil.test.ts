import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProvider, RegistryClient } from '@signet/chain';
import { freePort, startAnvil } from '@signet/embedded';

// The embedded default keeps the chain in a state file; these prove a registry survives
// both a clean stop and a crash of the node.
describe('startAnvil', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'signet-anvil-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function deployOn(rpcUrl: string): Promise<{ address: string; code: string }> {
    const provider = createProvider(rpcUrl, { pollingInterval: 50 });
    try {
      const registry = await RegistryClient.deploy(await provider.getSigner(0));
      return { address: registry.address, code: await provider.getCode(registry.address) };
    } finally {
      provider.destroy();
    }
  }

  async function codeAt(rpcUrl: string, address: string): Promise<string> {
    const provider = createProvider(rpcUrl);
    try {
      return await provider.getCode(address);
    } finally {
      provider.destroy();
    }
  }

  it('listens on the requested port with the requested chain id', async () => {
    const port = await freePort();
    const anvil = await startAnvil({ port, chainId: 4242 });
    try {
      expect(anvil.port).toBe(port);
      expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${port}`);
      const provider = createProvider(anvil.rpcUrl);
      expect((await provider.getNetwork()).chainId).toBe(4242n);
      provider.destroy();
    } finally {
      await anvil.stop();
    }
    await anvil.stop(); // idempotent
  });

  it('keeps state across stop() and across SIGKILL', async () => {
    const stateFile = join(dir, 'chain', 'state.json');
    const first = await startAnvil({ stateFile });
    const { address, code } = await deployOn(first.rpcUrl);
    expect(code.length).toBeGreaterThan(2);
    await first.stop();

    const second = await startAnvil({ stateFile });
    expect(await codeAt(second.rpcUrl, address)).toBe(code);
    const later = await deployOn(second.rpcUrl);
    // --state-interval 1 has dumped the new contract within a second or so.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    second.kill('SIGKILL');
    await second.exited;

    const third = await startAnvil({ stateFile });
    try {
      expect(await codeAt(third.rpcUrl, address)).toBe(code);
      expect(await codeAt(third.rpcUrl, later.address)).toBe(later.code);
    } finally {
      await third.stop();
    }
  });

  it('fails with the reason when anvil cannot start', async () => {
    const anvil = await startAnvil();
    try {
      await expect(startAnvil({ port: anvil.port })).rejects.toThrow(/anvil/);
    } finally {
      await anvil.stop();
    }
  });
});
