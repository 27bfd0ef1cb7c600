import { InitialSchema1795792720942 } from './0001-initial-schema';
import { VerifyListIndex1795800000005 } from './0005-verify-list-index';
import { AuditAppendOnly1795800000004 } from './0004-audit-append-only';

/** Migrations in the order they run; new ones are appended. */
export const MIGRATIONS = [
  InitialSchema1795792720942,
  VerifyListIndex1795800000005,
  AuditAppendOnly1795800000004,
];
