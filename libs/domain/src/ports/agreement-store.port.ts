import type { Caller } from '../access/caller';
import type { DomainError } from '../errors/domain-error';
import type { OutboxWork } from '../anchoring/outbox-work';
import type { AgreementStatus } from '../agreements/agreement-status';
import type {
  AgreementRecord,
  CredentialRecord,
  SignatureRecord,
  StatusChangeRecord,
  WrapRecord,
} from '../agreements/records';

export interface AuditNote {
  action: string;
  actor: Caller | null;
  agreementId?: string;
  subjectId?: string;
  purpose?: string;
  detail?: Record<string, unknown>;
}

export interface NewDeposit {
  agreement: Omit<AgreementRecord, 'createdAt' | 'anchor'>;
  signatures: SignatureRecord[];
  wraps: WrapRecord[];
  audit: AuditNote;
  /** Present when the agreement is to be anchored now (not waiting for a principal). */
  anchor: OutboxWork | null;
}

export interface StatusUpdate {
  agreementId: string;
  from: AgreementStatus;
  to: AgreementStatus;
  actorId: string | null;
  reason?: string;
  signatures?: SignatureRecord[];
  audit: AuditNote;
  outbox?: OutboxWork[];
  /** An agreement this one amends: it becomes SUPERSEDED in the same transaction (and AMENDED on chain). */
  supersedes?: string;
}

/** What a deposit's checks read, fetched together. */
export interface DepositContext {
  earlier: { id: string; status: AgreementStatus; requestHash: string } | null;
  parties: CredentialRecord[];
  /** Live designated regulators of the agreement's jurisdictions. */
  regulators: CredentialRecord[];
  parent: {
    id: string;
    status: AgreementStatus;
    expiresAt: Date;
    organizationIds: string[];
    /** What the policy decision reads of the parent (an NDA's scope). */
    type: string;
    effectiveAt: string;
    terms?: Record<string, unknown>;
  } | null;
  /** The agreement the deposit amends (metadata `supersedes`), if it names one and it exists. */
  supersedes: { id: string; status: AgreementStatus; organizationIds: string[] } | null;
  /** Each party's home jurisdiction (its organisation's), by credential id. */
  partyHomes: Record<string, string | null>;
  /** The policy activation counter, read in the same snapshot: the cached packs are current when it matches. */
  policyVersion: number;
}

/** What one deposit's checks must read; the depositor is the batch's caller. */
export interface DepositContextQuery {
  idempotencyKey: string;
  parties: string[];
  jurisdictions: string[];
  parentId: string | null;
  supersedesId: string | null;
}

/** Agreements and what deposits need to know about credentials, as one transactional store. */
export abstract class AgreementStore {
  /** The contexts of a batch of deposits by one depositor, in query order, read together. */
  abstract loadDepositContexts(
    depositorId: string,
    queries: DepositContextQuery[],
  ): Promise<DepositContext[]>;
  abstract findCredentials(ids: string[]): Promise<CredentialRecord[]>;
  abstract findDesignatedRegulators(jurisdictions: string[]): Promise<CredentialRecord[]>;
  /** For the registry's own work (deposits, verification); never answers a caller directly. */
  abstract findAgreement(id: string): Promise<AgreementRecord | null>;
  /**
   * The agreement if the caller may see it (see `canSee`), else null: out of scope answers
   * exactly like an id that does not exist, so no caller learns of an agreement it may not see.
   */
  abstract findVisibleAgreement(caller: Caller, id: string): Promise<AgreementRecord | null>;
  abstract findByIdempotencyKey(depositorId: string, key: string): Promise<AgreementRecord | null>;
  /**
   * Writes the agreements with their signatures, wraps, audit events and outbox rows in one
   * statement; an amendment to be anchored now also moves the agreement it amends from FINAL
   * to SUPERSEDED (and queues AMENDED for the chain). Each deposit is written whole or not at
   * all, and the answer says, in order, why one was not: CONFLICT (its id or idempotency key
   * is taken) or INVALID_STATE (the agreement it amends is no longer final); undefined for
   * one written. The blobs the rows point to are stored before.
   */
  abstract insertDeposits(deposits: NewDeposit[]): Promise<Array<DomainError | undefined>>;
  /** Moves an agreement from one status to another, only if it is still in `from`; false if it was not. */
  abstract updateStatus(update: StatusUpdate): Promise<boolean>;
  abstract findSignatures(agreementId: string): Promise<SignatureRecord[]>;
  abstract findWraps(agreementId: string): Promise<WrapRecord[]>;
  /** Adds a wrap of the agreement's data key, with its audit event. */
  abstract insertWrap(agreementId: string, wrap: WrapRecord, audit: AuditNote): Promise<void>;
  abstract findStatusHistory(agreementId: string): Promise<StatusChangeRecord[]>;
  abstract appendAudit(note: AuditNote): Promise<void>;
}
