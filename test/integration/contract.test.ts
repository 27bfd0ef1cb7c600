import { hexlify, randomBytes, type JsonRpcProvider, type JsonRpcSigner } from 'ethers';
import {
  AgreementStatus,
  createProvider,
  decodeRegistryRevert,
  RegistryClient,
  type CredentialInput,
} from '@signet/chain';
import { startAnvil, type AnvilHandle } from '@signet/embedded';

const word = (): string => hexlify(randomBytes(32));
const words = (n: number): string[] => Array.from({ length: n }, word);

async function expectRevert(action: Promise<unknown>, name: string): Promise<void> {
  const err = await action.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).not.toBeNull();
  expect(decodeRegistryRevert(err)?.name).toBe(name);
}

async function mined(tx: Promise<{ wait(): Promise<unknown> }>): Promise<void> {
  await (await tx).wait();
}

describe('AgreementRegistry on anvil', () => {
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

  it('deploys with the deployer as registrar and reports the chain', async () => {
    expect(await registry.isRegistrar(await admin.getAddress())).toBe(true);
    expect(await registry.isRegistrar(await outsider.getAddress())).toBe(false);
    expect(await registry.chainId()).toBe(31337n);
    expect(await registry.blockNumber()).toBeGreaterThanOrEqual(registry.deployBlock);
  });

  it('rejects every write from an account without REGISTRAR_ROLE', async () => {
    const as = registry.connect(outsider);
    const role = 'AccessControlUnauthorizedAccount';
    await expectRevert(as.recordBatch(word(), [word()], [word()]), role);
    await expectRevert(as.setStatus(word(), AgreementStatus.Amended, word()), role);
    const cred: CredentialInput = {
      credentialId: word(),
      signingKey: word(),
      boxKey: word(),
      documentHash: word(),
      notAfter: 1n,
    };
    await expectRevert(as.issueCredential(cred), role);
    await mined(registry.issueCredential(cred));
    await expectRevert(as.revokeCredential(cred.credentialId, word()), role);
    await expectRevert(as.checkpointAudit(1n, word()), role);
    await expectRevert(as.grantRegistrar(await outsider.getAddress()), role);
  });

  it('lets the admin grant REGISTRAR_ROLE', async () => {
    const second = await provider.getSigner(2);
    await mined(registry.grantRegistrar(await second.getAddress()));
    expect(await registry.isRegistrar(await second.getAddress())).toBe(true);
    await mined(registry.connect(second).recordBatch(word(), [word()], [word()]));
  });

  it('records a batch and every event decodes back to what was sent', async () => {
    const root = word();
    const ids = words(3);
    const hashes = words(3);
    const tx = await registry.recordBatch(root, ids, hashes);
    const receipt = await tx.wait();
    const records = await registry.findBatchRecords(root);
    expect(records.map((r) => [r.id, r.batchRoot, r.recordHash])).toEqual(
      ids.map((id, i) => [id, root, hashes[i]]),
    );
    for (const r of records) {
      expect(r.txHash).toBe(tx.hash);
      expect(r.blockNumber).toBe(receipt!.blockNumber);
      expect(r.blockHash).toBe(receipt!.blockHash);
    }
    expect((await registry.findAgreementRecords(ids[1]))[0]).toEqual(records[1]);
    const [batch] = await registry.findBatches(root);
    expect(batch).toMatchObject({ batchRoot: root, count: 3, txHash: tx.hash, logIndex: 3 });
    expect(await registry.batchRecordedAt(root)).toBe(receipt!.blockNumber);
    expect(await registry.batchRecordedAt(word())).toBeNull();
  });

  it('rejects a reused batch root, empty batches, mismatched lengths and a zero root', async () => {
    const root = word();
    await mined(registry.recordBatch(root, [word()], [word()]));
    await expectRevert(registry.recordBatch(root, [word()], [word()]), 'BatchAlreadyRecorded');
    await expectRevert(registry.recordBatch(word(), [], []), 'EmptyBatch');
    await expectRevert(registry.recordBatch(word(), [word(), word()], [word()]), 'BatchLengthMismatch');
    await expectRevert(registry.recordBatch(`0x${'00'.repeat(32)}`, [word()], [word()]), 'ZeroBatchRoot');
  });

  it('returns every record of an id, oldest first, duplicates included', async () => {
    const id = word();
    const [h1, h2, h3] = words(3);
    const rootA = word();
    const rootB = word();
    await mined(registry.recordBatch(rootA, [word(), id, id], [word(), h1, h2]));
    await mined(registry.recordBatch(rootB, [id], [h3]));
    const found = await registry.findAgreementRecords(id);
    expect(found.map((r) => [r.batchRoot, r.recordHash])).toEqual([
      [rootA, h1],
      [rootA, h2],
      [rootB, h3],
    ]);
    expect(found[0].logIndex).toBeLessThan(found[1].logIndex);
    expect(found[1].blockNumber).toBeLessThan(found[2].blockNumber);
  });

  it('records status changes and rejects invalid ones', async () => {
    const id = word();
    const [successor, termination] = words(2);
    const zero = `0x${'00'.repeat(32)}`;
    await mined(registry.setStatus(id, AgreementStatus.Amended, successor));
    await mined(registry.setStatus(id, AgreementStatus.Terminated, termination));
    await mined(registry.setStatus(id, AgreementStatus.Shredded, zero));
    const events = await registry.findStatusEvents(id);
    expect(events.map((e) => [e.id, e.status, e.detail])).toEqual([
      [id, 1, successor],
      [id, 2, termination],
      [id, 3, zero],
    ]);
    // Deliberately out of the typed range, to prove the contract checks it too.
    await expectRevert(registry.setStatus(id, 0 as 1, word()), 'InvalidStatus');
    await expectRevert(registry.setStatus(id, 4 as 1, word()), 'InvalidStatus');
    await expectRevert(registry.setStatus(id, AgreementStatus.Amended, zero), 'MissingStatusDetail');
  });

  it('issues and revokes a credential once each', async () => {
    const cred: CredentialInput = {
      credentialId: word(),
      signingKey: word(),
      boxKey: word(),
      documentHash: word(),
      notAfter: 2n ** 64n - 1n,
    };
    const reason = word();
    await expectRevert(registry.revokeCredential(cred.credentialId, reason), 'CredentialNotIssued');
    await mined(registry.issueCredential(cred));
    await expectRevert(registry.issueCredential({ ...cred, boxKey: word() }), 'CredentialAlreadyIssued');
    await mined(registry.revokeCredential(cred.credentialId, reason));
    await expectRevert(registry.revokeCredential(cred.credentialId, reason), 'CredentialAlreadyRevoked');
    const events = await registry.findCredentialEvents(cred.credentialId);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ kind: 'issued', ...cred });
    expect(events[1]).toMatchObject({ kind: 'revoked', credentialId: cred.credentialId, reasonHash: reason });
  });

  it('accepts audit checkpoints only with strictly increasing sequences', async () => {
    const heads = words(3);
    await mined(registry.checkpointAudit(0n, heads[0]));
    await expectRevert(registry.checkpointAudit(0n, word()), 'AuditSequenceNotIncreasing');
    await mined(registry.checkpointAudit(1n, heads[1]));
    await mined(registry.checkpointAudit(7n, heads[2]));
    await expectRevert(registry.checkpointAudit(7n, word()), 'AuditSequenceNotIncreasing');
    await expectRevert(registry.checkpointAudit(3n, word()), 'AuditSequenceNotIncreasing');
    const found = await registry.findAuditCheckpoints();
    expect(found.map((c) => [c.sequence, c.head])).toEqual([
      [0n, heads[0]],
      [1n, heads[1]],
      [7n, heads[2]],
    ]);
  });

  it('lets the caller fix the nonce and populate the transaction itself', async () => {
    const root = word();
    const nonce = await provider.getTransactionCount(await admin.getAddress(), 'pending');
    const populated = await registry.populateRecordBatch(root, [word()], [word()], {
      nonce,
      gasLimit: 200_000n,
    });
    expect(populated).toMatchObject({ to: registry.address, nonce, gasLimit: 200_000n });
    const sent = await admin.sendTransaction(populated);
    await sent.wait();
    expect(await registry.batchRecordedAt(root)).not.toBeNull();
  });

  it('rejects malformed 32-byte values before sending', async () => {
    await expect(registry.findAgreementRecords('0x1234')).rejects.toThrow(/32-byte hex/);
    await expect(registry.recordBatch(word(), ['nothex'], [word()])).rejects.toThrow(/32-byte hex/);
  });
});
