import type { AgreementRecord } from '../agreements/records';
import type { AgreementStatus } from '../agreements/agreement-status';

/** Whose agreements: always present, so no list query can run unscoped. */
export type ListScope = { organizationId: string } | { jurisdictions: string[] };

export interface ListFilter {
  jurisdiction?: string;
  organizationId?: string;
  type?: string;
  status?: AgreementStatus;
  createdFrom?: Date;
  createdTo?: Date;
  effectiveFrom?: Date;
  effectiveTo?: Date;
  parentId?: string;
}

export interface AgreementListQuery {
  scope: ListScope;
  filter: ListFilter;
}

/** Keyset position: created_at with microseconds (as PostgreSQL prints it) and the id. */
export interface ListPosition {
  createdAt: string;
  id: string;
}

export interface ListedAgreement {
  record: AgreementRecord;
  position: ListPosition;
}

/** The agreements list: every query carries the caller's scope. */
export abstract class AgreementListRepository {
  /** One keyset page, newest first, strictly after `after`. */
  abstract page(
    query: AgreementListQuery,
    first: number,
    after: ListPosition | null,
  ): Promise<ListedAgreement[]>;
  abstract count(query: AgreementListQuery): Promise<number>;
}
