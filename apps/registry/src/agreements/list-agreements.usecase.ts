import { Inject, Injectable } from '@nestjs/common';
import { isHex, isJurisdictionCode } from '@signet/formats';
import {
  AgreementListRepository,
  DomainError,
  ErrorCode,
  type AgreementListQuery,
  type Caller,
  type ListFilter,
  type ListPosition,
  type ListScope,
  type ListedAgreement,
} from '@signet/domain';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface AgreementPage {
  query: AgreementListQuery;
  items: Array<ListedAgreement & { cursor: string }>;
  hasNextPage: boolean;
}

/**
 * The `agreements` list (flow 5). What a caller may see is a WHERE clause, never a filter
 * after the fact: an agent or principal sees its organisation's agreements, a regulator
 * those under its jurisdictions. A court verifies the agreements put before it, by id; it
 * does not browse the registry, so listing is refused (the operator never reaches here:
 * the authorisation matrix refuses it).
 */
@Injectable()
export class ListAgreementsUseCase {
  constructor(@Inject(AgreementListRepository) private readonly repository: AgreementListRepository) {}

  async execute(
    caller: Caller,
    filter: ListFilter,
    first = DEFAULT_PAGE,
    after?: string | null,
  ): Promise<AgreementPage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new DomainError(ErrorCode.BadInput, `first must be 1 to ${MAX_PAGE}`, { field: 'first' });
    }
    const query = { scope: scopeOf(caller), filter: checkedFilter(filter) };
    const position = after ? decodeCursor(after) : null;
    // One row more than asked says whether there is a next page, without counting.
    const rows = await this.repository.page(query, first + 1, position);
    const items = rows.slice(0, first).map((row) => ({ ...row, cursor: encodeCursor(row.position) }));
    return { query, items, hasNextPage: rows.length > first };
  }

  count(query: AgreementListQuery): Promise<number> {
    return this.repository.count(query);
  }
}

function scopeOf(caller: Caller): ListScope {
  switch (caller.role) {
    case 'agent':
    case 'principal':
      if (!caller.organizationId)
        throw new DomainError(ErrorCode.Forbidden, 'this credential belongs to no organisation');
      return { organizationId: caller.organizationId };
    case 'regulator':
      if (caller.jurisdictions.length === 0)
        throw new DomainError(ErrorCode.Forbidden, 'this regulator supervises no jurisdiction');
      return { jurisdictions: caller.jurisdictions };
    default:
      throw new DomainError(
        ErrorCode.Forbidden,
        `a ${caller.role} does not list agreements: verify one by its blockchain id instead`,
      );
  }
}

function checkedFilter(filter: ListFilter): ListFilter {
  const bad = (field: string, message: string) =>
    new DomainError(ErrorCode.BadInput, `${field} ${message}`, { field });
  if (filter.jurisdiction !== undefined && !isJurisdictionCode(filter.jurisdiction))
    throw bad('filter.jurisdiction', 'must be an ISO 3166 code such as DE or US-NY');
  if (filter.organizationId !== undefined && !UUID.test(filter.organizationId))
    throw bad('filter.organizationId', 'must be an organisation id (a UUID)');
  if (filter.parentId !== undefined && !isHex(filter.parentId, 32))
    throw bad('filter.parentId', 'must be an agreement id, 0x and 64 lower-case hex digits');
  if (filter.type !== undefined && (filter.type.length === 0 || filter.type.length > 64))
    throw bad('filter.type', 'must be 1 to 64 characters');
  for (const field of ['createdFrom', 'createdTo', 'effectiveFrom', 'effectiveTo'] as const) {
    const value = filter[field];
    if (value !== undefined && Number.isNaN(value.getTime())) throw bad(`filter.${field}`, 'is not a date');
  }
  return filter;
}

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(`${position.createdAt}|${position.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition {
  const [createdAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !CURSOR_AT.test(createdAt ?? '') || !isHex(id, 32)) {
    throw new DomainError(ErrorCode.BadInput, 'after is not a cursor this list returned', { field: 'after' });
  }
  return { createdAt, id };
}
