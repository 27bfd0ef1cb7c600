import { AgreementOrmEntity } from './orm/agreement.orm-entity';
import { AgreementSignatureOrmEntity } from './orm/agreement-signature.orm-entity';
import { AgreementStatusChangeOrmEntity } from './orm/agreement-status-change.orm-entity';
import { AgreementWrapOrmEntity } from './orm/agreement-wrap.orm-entity';
import { AuditCheckpointOrmEntity } from './orm/audit-checkpoint.orm-entity';
import { AuditEventOrmEntity } from './orm/audit-event.orm-entity';
import { BatchLeafOrmEntity } from './orm/batch-leaf.orm-entity';
import { BatchTimestampOrmEntity } from './orm/batch-timestamp.orm-entity';
import { AuthChallengeOrmEntity } from './orm/auth-challenge.orm-entity';
import { ChainTransactionOrmEntity } from './orm/chain-transaction.orm-entity';
import { CredentialOrmEntity } from './orm/credential.orm-entity';
import { OrganizationOrmEntity } from './orm/organization.orm-entity';
import { OutboxEntryOrmEntity } from './orm/outbox-entry.orm-entity';
import { RegulatorDesignationOrmEntity } from './orm/regulator-designation.orm-entity';
import { PolicyActivationOrmEntity, PolicyPackOrmEntity } from './orm/policy-pack.orm-entity';
import { AgreementRetentionOrmEntity, LegalHoldOrmEntity } from './orm/retention.orm-entities';
import { BehaviourBaselineOrmEntity, BehaviourFindingOrmEntity } from './orm/behaviour.orm-entities';

import {
  WebhookDeliveryOrmEntity,
  WebhookEventOrmEntity,
  WebhookSubscriptionOrmEntity,
} from './orm/webhook.orm-entities';

/** Every ORM entity, listed once for the app, the migration check and the tests. */
export const ORM_ENTITIES = [
  OrganizationOrmEntity,
  CredentialOrmEntity,
  RegulatorDesignationOrmEntity,
  AuthChallengeOrmEntity,
  AgreementOrmEntity,
  AgreementSignatureOrmEntity,
  AgreementWrapOrmEntity,
  AgreementStatusChangeOrmEntity,
  OutboxEntryOrmEntity,
  ChainTransactionOrmEntity,
  BatchLeafOrmEntity,
  BatchTimestampOrmEntity,
  AuditEventOrmEntity,
  AuditCheckpointOrmEntity,
  WebhookSubscriptionOrmEntity,
  WebhookEventOrmEntity,
  WebhookDeliveryOrmEntity,
  PolicyPackOrmEntity,
  PolicyActivationOrmEntity,
  AgreementRetentionOrmEntity,
  LegalHoldOrmEntity,
  BehaviourBaselineOrmEntity,
  BehaviourFindingOrmEntity,
];
