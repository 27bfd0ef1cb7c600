import { AgreementsResolver } from '../agreements/agreements.resolver';
import { RatificationResolver } from '../agreements/ratification.resolver';
import { StatusResolver } from '../status/status.resolver';
import { AuthResolver } from '../auth/auth.resolver';
import { CredentialsResolver } from '../credentials/credentials.resolver';
import { AgreementConnectionResolver, AgreementListResolver } from '../agreements/agreement-list.resolver';
import { AgreementVerdictResolver } from '../verification/agreement-verdict.resolver';
import { VerifyResolver } from '../verification/verify.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import { SealedResolver } from '../sealed/sealed.resolver';
import { RetentionResolver } from '../retention/retention.resolver';
import { FindingsResolver } from '../monitoring/findings.resolver';
import { PolicyResolver } from '../policy/policy.resolver';
import { WebhooksResolver } from '../webhooks/webhooks.resolver';

/** Every resolver class, listed once: the schema printer and the authorisation matrix read it. */
export const RESOLVERS = [
  StatusResolver,
  AuthResolver,
  CredentialsResolver,
  AgreementsResolver,
  RatificationResolver,
  AgreementListResolver,
  AgreementConnectionResolver,
  VerifyResolver,
  AgreementVerdictResolver,
  AuditResolver,
  SealedResolver,
  RetentionResolver,
  FindingsResolver,
  PolicyResolver,
  WebhooksResolver,
];
