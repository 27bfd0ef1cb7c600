import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { credentialState, DomainError, ErrorCode, isJurisdictionCode, type Caller } from '@signet/domain';
import {
  appendAudit,
  CredentialOrmEntity,
  OrganizationOrmEntity,
  RegulatorDesignationOrmEntity,
} from '@signet/persistence';

/** The operator's other two acts: adding organisations and designating regulators. */
@Injectable()
export class OrganizationAdminUseCase {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async addOrganization(caller: Caller, name: string, jurisdiction: string): Promise<OrganizationOrmEntity> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 200)
      throw new DomainError(ErrorCode.BadInput, 'name: 1 to 200 characters');
    checkJurisdiction(jurisdiction);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const organization = await manager.save(
          manager.create(OrganizationOrmEntity, { name: trimmed, jurisdiction }),
        );
        await appendAudit(manager, {
          action: 'organization.add',
          actorId: caller.credentialId,
          actorRole: caller.role,
          subjectId: organization.id,
          detail: { name: trimmed, jurisdiction },
        });
        return organization;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new DomainError(ErrorCode.OrganizationExists, `an organisation named "${trimmed}" exists`);
      }
      throw error;
    }
  }

  /**
   * From now on the agreements of `jurisdiction` must be sealed to this regulator too.
   * Designating twice is harmless: the first designation stands.
   */
  designateRegulator(
    caller: Caller,
    jurisdiction: string,
    credentialId: string,
  ): Promise<RegulatorDesignationOrmEntity> {
    checkJurisdiction(jurisdiction);
    return this.dataSource.transaction(async (manager) => {
      const regulator = await manager.findOneBy(CredentialOrmEntity, { id: credentialId });
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
      const existing = await manager.findOneBy(RegulatorDesignationOrmEntity, { jurisdiction, credentialId });
      if (existing) return existing;
      const designation = await manager.save(
        manager.create(RegulatorDesignationOrmEntity, { jurisdiction, credentialId }),
      );
      await appendAudit(manager, {
        action: 'regulator.designate',
        actorId: caller.credentialId,
        actorRole: caller.role,
        subjectId: credentialId,
        detail: { jurisdiction },
      });
      return designation;
    });
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
