import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isJurisdictionCode } from '@signet/formats';
import {
  credentialState,
  CredentialRepository,
  DomainError,
  ErrorCode,
  type Caller,
  type CredentialDetails,
  type OrganizationDetails,
  type RegulatorDesignationDetails,
} from '@signet/domain';

/** Largest (and default) page of the operator's lists. */
export const MAX_ADMIN_PAGE = 100;

/** The operator's other acts: adding and listing organisations and credentials, designating regulators. */
@Injectable()
export class OrganizationAdminUseCase {
  constructor(@Inject(CredentialRepository) private readonly credentials: CredentialRepository) {}

  async addOrganization(caller: Caller, name: string, jurisdiction: string): Promise<OrganizationDetails> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 200)
      throw new DomainError(ErrorCode.BadInput, 'name: 1 to 200 characters');
    checkJurisdiction(jurisdiction);
    const id = randomUUID();
    return this.credentials.addOrganization(
      { id, name: trimmed, jurisdiction },
      { action: 'organization.add', actor: caller, subjectId: id, detail: { name: trimmed, jurisdiction } },
    );
  }

  async listOrganizations(first: number): Promise<OrganizationDetails[]> {
    return this.credentials.listOrganizations(checkFirst(first));
  }

  /** Of one organisation (id or name) if given; ORGANIZATION_UNKNOWN if there is no such. */
  async listCredentials(organization: string | null, first: number): Promise<CredentialDetails[]> {
    const page = checkFirst(first);
    if (organization === null) return this.credentials.listCredentials(null, page);
    const found = await this.credentials.findOrganization(organization);
    if (!found) throw new DomainError(ErrorCode.OrganizationUnknown, `no organisation "${organization}"`);
    return this.credentials.listCredentials(found.id, page);
  }

  /**
   * From now on the agreements of `jurisdiction` must be sealed to this regulator too.
   * Designating twice is harmless: the first designation stands.
   */
  async designateRegulator(
    caller: Caller,
    jurisdiction: string,
    credentialId: string,
  ): Promise<RegulatorDesignationDetails> {
    checkJurisdiction(jurisdiction);
    const regulator = await this.credentials.findById(credentialId);
    if (!regulator) throw new DomainError(ErrorCode.CredentialUnknown, `no credential ${credentialId}`);
    if (regulator.role !== 'regulator') {
      throw new DomainError(
        ErrorCode.BadInput,
        `credential ${credentialId} is a ${regulator.role}, not a regulator`,
      );
    }
    if (credentialState(regulator, new Date()) !== 'live') {
      throw new DomainError(ErrorCode.BadInput, `credential ${credentialId} is not live`);
    }
    if (!regulator.jurisdictions.includes(jurisdiction)) {
      throw new DomainError(ErrorCode.BadInput, `this regulator does not supervise ${jurisdiction}`);
    }
    return this.credentials.designateRegulator(
      { jurisdiction, credentialId },
      { action: 'regulator.designate', actor: caller, subjectId: credentialId, detail: { jurisdiction } },
    );
  }
}

function checkJurisdiction(code: string): void {
  if (!isJurisdictionCode(code)) {
    throw new DomainError(
      ErrorCode.BadInput,
      `jurisdiction: "${code}" is not a code such as DE, EU or US-NY`,
    );
  }
}

function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ADMIN_PAGE) {
    throw new DomainError(ErrorCode.BadInput, `first: 1 to ${MAX_ADMIN_PAGE}`);
  }
  return first;
}
