import { Module } from '@nestjs/common';
import type { RuntimeSettings } from '../bootstrap/runtime-settings';
import { RUNTIME_SETTINGS } from '../bootstrap/tokens';
import { CredentialIssuer } from './credential-issuer';
import { LiveCallerReader } from './live-caller.reader';
import { CredentialsResolver } from './credentials.resolver';
import { IssueCredentialUseCase } from './issue-credential.usecase';
import { OperatorCredentialBootstrap } from './operator-credential.bootstrap';
import { OperatorIdentity } from './operator-identity';
import { OrganizationAdminUseCase } from './organization-admin.usecase';
import { RevokeCredentialUseCase } from './revoke-credential.usecase';

/** Organisations, credentials and regulator designations: the operator's side of Signet. */
@Module({
  providers: [
    {
      provide: OperatorIdentity,
      inject: [RUNTIME_SETTINGS],
      useFactory: (settings: RuntimeSettings) => OperatorIdentity.fromFile(settings.operatorKeyFile),
    },
    LiveCallerReader,
    CredentialIssuer,
    IssueCredentialUseCase,
    RevokeCredentialUseCase,
    OrganizationAdminUseCase,
    OperatorCredentialBootstrap,
    CredentialsResolver,
  ],
  exports: [LiveCallerReader, OperatorIdentity],
})
export class CredentialsModule {}
