import {
  CredentialRepository,
  DomainError,
  ErrorCode,
  type AuditNote,
  type CredentialDetails,
  type CredentialRevocation,
  type LiveCallerFacts,
  type OrganizationDetails,
  type OutboxWork,
  type RegulatorDesignationDetails,
  type Role,
} from '@signet/domain';

/** CredentialRepository in memory, for unit tests of use cases; what it wrote is kept to look at. */
export class FakeCredentialRepository extends CredentialRepository {
  readonly credentials = new Map<string, CredentialDetails>();
  readonly organizations = new Map<string, OrganizationDetails>();
  readonly designations: RegulatorDesignationDetails[] = [];
  readonly outbox: OutboxWork[] = [];
  readonly audit: AuditNote[] = [];

  findById(id: string): Promise<CredentialDetails | null> {
    return Promise.resolve(this.credentials.get(id) ?? null);
  }

  findBySigningKey(signingKey: string): Promise<CredentialDetails | null> {
    return Promise.resolve([...this.credentials.values()].find((c) => c.signingKey === signingKey) ?? null);
  }

  findOrganization(idOrName: string): Promise<OrganizationDetails | null> {
    const all = [...this.organizations.values()];
    return Promise.resolve(
      all.find((o) => o.id === idOrName) ?? all.find((o) => o.name === idOrName) ?? null,
    );
  }

  listOrganizations(first: number): Promise<OrganizationDetails[]> {
    return Promise.resolve([...this.organizations.values()].slice(0, first));
  }

  listCredentials(organizationId: string | null, first: number): Promise<CredentialDetails[]> {
    return Promise.resolve(
      [...this.credentials.values()]
        .filter((c) => organizationId === null || c.organizationId === organizationId)
        .slice(0, first),
    );
  }

  async liveCallerFacts(credentialId: string): Promise<LiveCallerFacts | null> {
    const credential = await this.findById(credentialId);
    if (!credential) return null;
    const { id, organizationId, jurisdictions, expiresAt, revokedAt } = credential;
    return { id, role: credential.role as Role, organizationId, jurisdictions, expiresAt, revokedAt };
  }

  async insertCredential(credential: CredentialDetails, outbox: OutboxWork, audit: AuditNote): Promise<void> {
    if (await this.findBySigningKey(credential.signingKey)) {
      throw new DomainError(ErrorCode.KeyInUse, 'this signing key already has a credential: make a new key');
    }
    this.credentials.set(credential.id, credential);
    this.outbox.push(outbox);
    this.audit.push(audit);
  }

  revoke({ credentialId, reason, at, outbox, audit }: CredentialRevocation): Promise<CredentialDetails> {
    const row = this.credentials.get(credentialId);
    if (!row)
      return Promise.reject(new DomainError(ErrorCode.CredentialUnknown, `no credential ${credentialId}`));
    if (row.revokedAt !== null) {
      return Promise.reject(
        new DomainError(ErrorCode.Conflict, `credential ${credentialId} is already revoked`),
      );
    }
    const revoked = { ...row, revokedAt: at, revocationReason: reason };
    this.credentials.set(credentialId, revoked);
    this.outbox.push(outbox);
    this.audit.push(audit);
    return Promise.resolve(revoked);
  }

  addOrganization(
    organization: Omit<OrganizationDetails, 'createdAt'>,
    audit: AuditNote,
  ): Promise<OrganizationDetails> {
    if ([...this.organizations.values()].some((o) => o.name === organization.name)) {
      return Promise.reject(
        new DomainError(ErrorCode.OrganizationExists, `an organisation named "${organization.name}" exists`),
      );
    }
    const stored = { ...organization, createdAt: new Date() };
    this.organizations.set(stored.id, stored);
    this.audit.push(audit);
    return Promise.resolve(stored);
  }

  designateRegulator(
    designation: Omit<RegulatorDesignationDetails, 'designatedAt'>,
    audit: AuditNote,
  ): Promise<RegulatorDesignationDetails> {
    const existing = this.designations.find(
      (d) => d.jurisdiction === designation.jurisdiction && d.credentialId === designation.credentialId,
    );
    if (existing) return Promise.resolve(existing);
    const stored = { ...designation, designatedAt: new Date() };
    this.designations.push(stored);
    this.audit.push(audit);
    return Promise.resolve(stored);
  }
}
