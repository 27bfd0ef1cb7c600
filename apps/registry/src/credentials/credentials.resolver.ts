import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '@signet/domain';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CredentialObject, toCredentialObject } from './dto/credential.object';
import { IssueCredentialInput } from './dto/issue-credential.input';
import { OrganizationObject, RegulatorDesignationObject } from './dto/organization.object';
import { IssueCredentialUseCase } from './issue-credential.usecase';
import { MAX_ADMIN_PAGE, OrganizationAdminUseCase } from './organization-admin.usecase';
import { RevokeCredentialUseCase } from './revoke-credential.usecase';

/** The operator's administration and its lists (the matrix allows these to the operator only). */
@Resolver()
export class CredentialsResolver {
  constructor(
    @Inject(IssueCredentialUseCase) private readonly issuing: IssueCredentialUseCase,
    @Inject(RevokeCredentialUseCase) private readonly revoking: RevokeCredentialUseCase,
    @Inject(OrganizationAdminUseCase) private readonly admin: OrganizationAdminUseCase,
  ) {}

  @Query(() => [OrganizationObject], {
    description: `Operator: the organisations, oldest first (at most ${MAX_ADMIN_PAGE}).`,
  })
  async organizations(
    @Args('first', { type: () => Int, nullable: true, defaultValue: MAX_ADMIN_PAGE }) first?: number,
  ): Promise<OrganizationObject[]> {
    return this.admin.listOrganizations(first ?? MAX_ADMIN_PAGE);
  }

  @Query(() => [CredentialObject], {
    description: `Operator: the credentials with their states, oldest first (at most ${MAX_ADMIN_PAGE}).`,
  })
  async credentials(
    @Args('organization', {
      type: () => String,
      nullable: true,
      description: "Only this organisation's (id or name).",
    })
    organization?: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: MAX_ADMIN_PAGE }) first?: number,
  ): Promise<CredentialObject[]> {
    const now = new Date();
    const rows = await this.admin.listCredentials(organization ?? null, first ?? MAX_ADMIN_PAGE);
    return rows.map((row) => toCredentialObject(row, now));
  }

  @Mutation(() => OrganizationObject)
  async addOrganization(
    @CurrentCaller() caller: Caller,
    @Args('name') name: string,
    @Args('jurisdiction', { description: 'Home jurisdiction, e.g. DE.' }) jurisdiction: string,
  ): Promise<OrganizationObject> {
    return this.admin.addOrganization(caller, name, jurisdiction);
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
    return this.admin.designateRegulator(caller, jurisdiction, credentialId);
  }
}
