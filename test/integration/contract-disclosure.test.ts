import { hexlify, randomBytes, type JsonRpcProvider, type JsonRpcSigner } from 'ethers';
import {
  createProvider,
  decodeRegistryRevert,
  recordBatchDisclosedCall,
  registryInterface,
  RegistryClient,
} from '@signet/chain';
import { startAnvil, type AnvilHandle } from '@signet/embedded';
import { decodeDisclosure, encodeDisclosure, type AgreementMetadata } from '@signet/formats';

const word = (): string => hexlify(randomBytes(32));
const words = (n: number): string[] => Array.from({ length: n }, word);
const metadata = (type: string): AgreementMetadata => ({
  type,
  parties: words(2),
  jurisdictions: ['SG'],
  effectiveAt: '2026-06-01',
  expiresAt: '2027-06-01T12:00:00Z',
});

/** recordBatchDisclosed on a real node: the records as recordBatch writes them, then the disclosures. */
describe('AgreementRegistry.recordBatchDisclosed on anvil', () => {
  let anvil: AnvilHandle;
  let provider: JsonRpcProvider;
  let admin: JsonRpcSigner;
  let outsider: JsonRpcSigner;
  let registry: RegistryClient;

  beforeAll(async () => {
    anvil = await startAnvil();
    provider = createProvider(anvil.rpcUrl, { pollingInterval: 50 });
    admin = await provider.getSigner(0);
    outsider = await provider.getSigner(1);
    registry = await RegistryClient.deploy(admin);
  });

  afterAll(async () => {
    provider?.destroy();
    await anvil?.stop();
  });

  const send = async (data: string, from: JsonRpcSigner = admin) =>
    (await from.sendTransaction({ to: registry.address, data })).wait();
  const revertOf = (data: string, from: JsonRpcSigner = admin) =>
    send(data, from).then(
      () => null,
      (error: unknown) => decodeRegistryRevert(error)?.name ?? String(error),
    );

  it('records every leaf and discloses the chosen ones, in the same transaction', async () => {
    const root = word();
    const ids = words(4);
    const disclosed = [metadata('CARBON-CREDIT'), metadata('carbon-credit')];
    const data = recordBatchDisclosedCall(root, ids, words(4), [
      { index: 1, data: encodeDisclosure(disclosed[0]) },
      { index: 3, data: encodeDisclosure(disclosed[1]) },
    ]);
    const receipt = await send(data);
    expect((await registry.findBatchRecords(root)).map((r) => r.id)).toEqual(ids);
    const [first] = await registry.findDisclosures(ids[1]);
    const [second] = await registry.findDisclosures(ids[3]);
    expect(first.txHash).toBe(receipt!.hash);
    expect(decodeDisclosure(first.data)).toEqual({ ...disclosed[0], parentId: null });
    expect(decodeDisclosure(second.data)).toEqual({ ...disclosed[1], parentId: null });
    expect(await registry.findDisclosures(ids[0])).toEqual([]);
    // After BatchRecorded: the records' log indices are those of recordBatch.
    const [batch] = await registry.findBatches(root);
    expect(batch.logIndex).toBe(4);
    expect(first.logIndex).toBe(5);
  });

  it('refuses malformed entries, whatever their bytes, and an outsider', async () => {
    const call = (disclosures: string, ids = words(2)) =>
      registryInterface.encodeFunctionData('recordBatchDisclosed', [
        word(),
        ids,
        words(ids.length),
        disclosures,
      ]);
    expect(await revertOf(call('0x000100'))).toBe('MalformedDisclosures'); // shorter than a head
    expect(await revertOf(call('0x00020001ff'))).toBe('MalformedDisclosures'); // index 2 of 2
    expect(await revertOf(call('0x00000002ff'))).toBe('MalformedDisclosures'); // runs past the end
    expect(await revertOf(call('0x00010001ff00000001ff'))).toBe('MalformedDisclosures'); // not increasing
    expect(await revertOf(call('0x', []))).toBe('EmptyBatch');
    expect(await revertOf(call('0x00000001ff'), outsider)).toBe('AccessControlUnauthorizedAccount');
    // An empty list of disclosures is a plain batch.
    const ids = words(2);
    await send(call('0x', ids));
    expect(await registry.findDisclosures(ids[0])).toEqual([]);
    expect(await registry.findAgreementRecords(ids[0])).toHaveLength(1);
  });
});
