import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Caller } from '@signet/domain';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CredentialObject, toCredentialObject } from './dto/credential.object';
import { IssueCredentialInput } from './dto/issue-credential.input';
import { OrganizationObject, RegulatorDesignationObject } from './dto/organization.object';
import { IssueCredentialUseCase } from './issue-credential.usecase';
import { OrganizationAdminUseCase } from './organization-admin.usecase';
import { RevokeCredentialUseCase } from './revoke-credential.usecase';

/** The operator's administration (the matrix allows these to the operator only). */
@Resolver()
export class CredentialsResolver {
  constructor(
    @Inject(IssueCredentialUseCase) private readonly issuing: IssueCredentialUseCase,
    @Inject(RevokeCredentialUseCase) private readonly revoking: RevokeCredentialUseCase,
    @Inject(OrganizationAdminUseCase) private readonly organizations: OrganizationAdminUseCase,
  ) {}

  @Mutation(() => OrganizationObject)
  async addOrganization(
    @CurrentCaller() caller: Caller,
    @Args('name') name: string,
    @Args('jurisdiction', { description: 'Home jurisdiction, e.g. DE.' }) jurisdiction: string,
  ): Promise<OrganizationObject> {
    return this.organizations.addOrganization(caller, name, jurisdiction);
  }

  @Mutation(() => CredentialObject)
  async issueCredential(
    @CurrentCaller() caller: Caller,
    @Args('input') input: IssueCredentialInput,
  ): Promise<CredentialObject> {
    return toCredentialObject(await this.issuing.execute(caller, input));
  }

  @Mutation(() => CredentialObject, {
    description: 'Revoked at once; anchored on chain with the hash of the reason.',
  })
  async revokeCredential(
    @CurrentCaller() caller: Caller,
    @Args('credentialId') credentialId: string,
    @Args('reason') reason: string,
  ): Promise<CredentialObject> {
    return toCredentialObject(await this.revoking.execute(caller, credentialId, reason));
  }

  @Mutation(() => RegulatorDesignationObject)
  async designateRegulator(
    @CurrentCaller() caller: Caller,
    @Args('jurisdiction') jurisdiction: string,
    @Args('credentialId', { description: 'A live regulator credential supervising the jurisdiction.' })
    credentialId: string,
  ): Promise<RegulatorDesignationObject> {
    return this.organizations.designateRegulator(caller, jurisdiction, credentialId);
  }
}
