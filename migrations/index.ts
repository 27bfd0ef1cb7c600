import { InitialSchema1795792720942 } from './0001-initial-schema';
import { VerifyListIndex1795800000005 } from './0005-verify-list-index';
import { AuditAppendOnly1795800000004 } from './0004-audit-append-only';
import { DepositWriteIndexes1795800000006 } from './0006-deposit-write-indexes';
import { GinWithoutPendingList1795800000007 } from './0007-gin-without-pending-list';
import { AnchoringOutOfIndexes1795800000008 } from './0008-anchoring-out-of-indexes';
import { Webhooks1795800000009 } from './0009-webhooks';
import { PolicyPacks1795800000010 } from './0010-policy-packs';
import { Retention1795800000011 } from './0011-retention';
import { BehaviourMonitoring1795800000012 } from './0012-behaviour-monitoring';
import { BatchTimestamps1795800000014 } from './0014-batch-timestamps';
import { RetentionShreddingIndex1795800000015 } from './0015-retention-shredding-index';
import { ServiceFindings1795800000016 } from './0016-service-findings';

/** Migrations in the order they run; new ones are appended. */
export const MIGRATIONS = [
  InitialSchema1795792720942,
  VerifyListIndex1795800000005,
  AuditAppendOnly1795800000004,
  DepositWriteIndexes1795800000006,
  GinWithoutPendingList1795800000007,
  AnchoringOutOfIndexes1795800000008,
  Webhooks1795800000009,
  PolicyPacks1795800000010,
  Retention1795800000011,
  BehaviourMonitoring1795800000012,
  BatchTimestamps1795800000014,
  RetentionShreddingIndex1795800000015,
  ServiceFindings1795800000016,
];
