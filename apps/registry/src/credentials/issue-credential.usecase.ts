import { Inject, Injectable } from '@nestjs/common';
import {
  credentialState,
  CredentialRepository,
  DomainError,
  ErrorCode,
  type Caller,
  type CredentialDetails,
  type Role,
} from '@signet/domain';
import { CredentialIssuer, type CredentialDraft } from './credential-issuer';
import type { IssueCredentialInput } from './dto/issue-credential.input';

/** The operator issues a credential to a subject of an organisation. */
@Injectable()
export class IssueCredentialUseCase {
  constructor(
    @Inject(CredentialRepository) private readonly credentials: CredentialRepository,
    @Inject(CredentialIssuer) private readonly issuer: CredentialIssuer,
  ) {}

  async execute(caller: Caller, input: IssueCredentialInput, now = new Date()): Promise<CredentialDetails> {
    const role: Role = input.role;
    if (role === 'operator')
      throw bad('role', 'the operator credential is made by the service itself, from its key');
    const organization = await this.credentials.findOrganization(input.organization);
    if (!organization) {
      throw new DomainError(ErrorCode.OrganizationUnknown, `no organisation "${input.organization}"`);
    }
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
      throw bad('expiresAt', 'is in the past');
    const jurisdictions = input.jurisdictions?.length
      ? unique(input.jurisdictions)
      : [organization.jurisdiction];
    const draft: CredentialDraft = {
      role,
      organizationId: organization.id,
      signingKey: input.signingKey,
      boxKey: input.boxKey,
      jurisdictions,
      principalId: null,
      mandate: null,
      expiresAt: input.expiresAt ?? null,
      label: input.label ?? null,
    };
    if (role === 'agent') {
      if (!input.principal)
        throw bad(
          'principal',
          'an agent needs its principal: pass --principal CREDENTIAL (the id `admin issue --role principal` printed)',
        );
      const principal = await this.credentials.findById(input.principal);
      if (!principal || principal.role !== 'principal' || principal.organizationId !== organization.id) {
        throw bad('principal', 'must be a principal credential of the same organisation');
      }
      if (credentialState(principal, now) !== 'live') throw bad('principal', 'is not live');
      draft.principalId = principal.id;
      draft.mandate = {
        maxValue: input.maxValue ?? null,
        currency: input.currency ?? null,
        types: input.types?.length ? unique(input.types) : null,
        jurisdictions,
      };
    } else if (input.principal || input.maxValue || input.currency || input.types?.length) {
      throw bad('mandate', 'only an agent has a principal and a mandate');
    }
    return this.issuer.issue(draft, caller, now);
  }
}

function bad(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BadInput, `${field}: ${message}`, { field });
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((value) => value.trim()))];
}
