import { keccak256Hex, utf8 } from '@signet/formats';
import { FakeCredentialRepository, refusalCode } from '@signet/testing';
import type { Caller, CredentialDetails } from '@signet/domain';
import { OrganizationAdminUseCase } from './organization-admin.usecase';
import { RevokeCredentialUseCase } from './revoke-credential.usecase';

const OPERATOR: Caller = {
  credentialId: `0x${'01'.repeat(32)}`,
  role: 'operator',
  organizationId: null,
  jurisdictions: [],
};

function credential(id: string, overrides: Partial<CredentialDetails> = {}): CredentialDetails {
  return {
    id,
    role: 'regulator',
    organizationId: null,
    label: null,
    signingKey: id,
    boxKey: id,
    jurisdictions: ['DE'],
    principalId: null,
    mandateMaxValue: null,
    mandateCurrency: null,
    mandateTypes: null,
    document: '{}',
    issuerSignature: '0x',
    issuedAt: new Date('2026-01-01'),
    expiresAt: null,
    revokedAt: null,
    revocationReason: null,
    issueTxHash: null,
    issueBlock: null,
    revokeTxHash: null,
    revokeBlock: null,
    ...overrides,
  };
}

describe('the operator administers credentials (use cases on a fake CredentialRepository)', () => {
  const regulatorId = `0x${'02'.repeat(32)}`;
  let repository: FakeCredentialRepository;

  beforeEach(() => {
    repository = new FakeCredentialRepository();
    repository.credentials.set(regulatorId, credential(regulatorId));
  });

  it('revokes with the hash of the trimmed reason, queued for the chain and audited', async () => {
    const revoked = await new RevokeCredentialUseCase(repository).execute(
      OPERATOR,
      regulatorId,
      '  key lost ',
    );
    const reasonHash = keccak256Hex(utf8('key lost'));
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.revocationReason).toBe('key lost');
    expect(repository.outbox).toEqual([
      { kind: 'credential_revoke', subjectId: regulatorId, payload: { reasonHash } },
    ]);
    expect(repository.audit).toEqual([
      { action: 'credential.revoke', actor: OPERATOR, subjectId: regulatorId, detail: { reasonHash } },
    ]);
  });

  it('refuses an empty reason, its own credential, and a second revocation', async () => {
    const revoking = new RevokeCredentialUseCase(repository);
    expect(await refusalCode(revoking.execute(OPERATOR, regulatorId, '  '))).toBe('BAD_INPUT');
    expect(await refusalCode(revoking.execute(OPERATOR, OPERATOR.credentialId, 'tired'))).toBe('BAD_INPUT');
    await revoking.execute(OPERATOR, regulatorId, 'key lost');
    expect(await refusalCode(revoking.execute(OPERATOR, regulatorId, 'again'))).toBe('CONFLICT');
    expect(repository.outbox).toHaveLength(1);
  });

  it('designates only a live regulator of the jurisdiction, once', async () => {
    const admin = new OrganizationAdminUseCase(repository);
    expect(await refusalCode(admin.designateRegulator(OPERATOR, 'FR', regulatorId))).toBe('BAD_INPUT');
    expect(await refusalCode(admin.designateRegulator(OPERATOR, 'de', regulatorId))).toBe('BAD_INPUT');
    const first = await admin.designateRegulator(OPERATOR, 'DE', regulatorId);
    expect(await admin.designateRegulator(OPERATOR, 'DE', regulatorId)).toBe(first);
    expect(repository.audit.map((note) => note.action)).toEqual(['regulator.designate']);
  });

  it('adds an organisation under a fresh id, and refuses a taken name', async () => {
    const admin = new OrganizationAdminUseCase(repository);
    const acme = await admin.addOrganization(OPERATOR, ' Acme ', 'DE');
    expect(acme.name).toBe('Acme');
    expect(repository.audit[0]).toMatchObject({ action: 'organization.add', subjectId: acme.id });
    expect(await refusalCode(admin.addOrganization(OPERATOR, 'Acme', 'DE'))).toBe('ORGANIZATION_EXISTS');
  });

  it("lists organisations and credentials, one organisation's by name or id, bounded by first", async () => {
    const admin = new OrganizationAdminUseCase(repository);
    const acme = await admin.addOrganization(OPERATOR, 'Acme', 'DE');
    await admin.addOrganization(OPERATOR, 'Globex', 'FR');
    const agentId = `0x${'03'.repeat(32)}`;
    repository.credentials.set(agentId, credential(agentId, { role: 'agent', organizationId: acme.id }));
    expect((await admin.listOrganizations(100)).map((o) => o.name)).toEqual(['Acme', 'Globex']);
    expect(await admin.listOrganizations(1)).toHaveLength(1);
    expect((await admin.listCredentials(null, 100)).map((c) => c.id)).toEqual([regulatorId, agentId]);
    expect((await admin.listCredentials('Acme', 100)).map((c) => c.id)).toEqual([agentId]);
    expect((await admin.listCredentials(acme.id, 100)).map((c) => c.id)).toEqual([agentId]);
    expect(await refusalCode(admin.listCredentials('Nobody', 100))).toBe('ORGANIZATION_UNKNOWN');
    expect(await refusalCode(admin.listOrganizations(101))).toBe('BAD_INPUT');
    expect(await refusalCode(admin.listCredentials(null, 0))).toBe('BAD_INPUT');
  });
});
