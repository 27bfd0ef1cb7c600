import { createProvider, RegistryClient } from '@signet/chain';
import { credentialNotAfter, type CredentialDocument } from '@signet/domain';
import { keccak256Hex, utf8 } from '@signet/formats';
import { CredentialOrmEntity } from '@signet/persistence';
import { populate, startCredentialsHarness, type CredentialsHarness } from './credentials-harness';

const ANCHOR_TIMEOUT_MS = 30_000;

/** Waits for the anchor worker (which runs in the service) to record every credential event. */
async function anchoredRows(harness: CredentialsHarness, revokedId: string): Promise<CredentialOrmEntity[]> {
  const deadline = Date.now() + ANCHOR_TIMEOUT_MS;
  while (true) {
    const rows = await harness.dataSource.manager.find(CredentialOrmEntity);
    const done = rows.every(
      (row) => row.issueTxHash !== null && (row.id !== revokedId || row.revokeTxHash !== null),
    );
    if (done) return rows;
    if (Date.now() > deadline) {
      const pending = rows.filter(
        (row) => row.issueTxHash === null || (row.id === revokedId && row.revokeTxHash === null),
      );
      throw new Error(
        `not anchored within ${ANCHOR_TIMEOUT_MS} ms: ${pending.map((row) => row.id).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('credential events on the chain match the database', () => {
  let harness: CredentialsHarness;

  beforeAll(async () => {
    harness = await startCredentialsHarness();
  });
  afterAll(() => harness?.stop());

  it('has one CredentialIssued per credential (and CredentialRevoked per revocation) with the stored keys, hash and expiry', async () => {
    const subjects = await populate(harness);
    const reason = 'mandate withdrawn';
    await harness.ok(
      'mutation ($c: String!, $r: String!) { revokeCredential(credentialId: $c, reason: $r) { id } }',
      { c: subjects.court.credentialId, r: reason },
      subjects.operator.token,
    );
    const rows = await anchoredRows(harness, subjects.court.credentialId);
    expect(rows).toHaveLength(5);

    const { status } = await harness.ok<{ status: { rpcUrl: string; registryAddress: string } }>(
      '{ status { rpcUrl registryAddress } }',
    );
    const provider = createProvider(status.rpcUrl);
    try {
      const registry = RegistryClient.attach(status.registryAddress, provider);
      for (const row of rows) {
        const events = await registry.findCredentialEvents(row.id);
        const issued = events.filter((event) => event.kind === 'issued');
        expect(issued).toHaveLength(1);
        expect(issued[0]).toMatchObject({
          credentialId: row.id,
          signingKey: row.signingKey,
          boxKey: row.boxKey,
          documentHash: keccak256Hex(utf8(row.document)),
          notAfter: BigInt(credentialNotAfter(JSON.parse(row.document) as CredentialDocument)),
          txHash: row.issueTxHash,
          blockNumber: row.issueBlock,
        });
        const revoked = events.filter((event) => event.kind === 'revoked');
        if (row.id === subjects.court.credentialId) {
          expect(revoked).toHaveLength(1);
          expect(revoked[0]).toMatchObject({
            reasonHash: keccak256Hex(utf8(reason)),
            txHash: row.revokeTxHash,
            blockNumber: row.revokeBlock,
          });
        } else {
          expect(revoked).toHaveLength(0);
        }
      }
    } finally {
      provider.destroy();
    }
  });
});
