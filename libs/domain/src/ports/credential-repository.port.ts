import type { Role } from '../access/caller';
import type { OutboxWork } from '../anchoring/outbox-work';
import type { AuditNote } from './agreement-store.port';

/** A credential as the registry stores and shows it: the signed document and its anchoring. */
export interface CredentialDetails {
  id: string;
  role: string;
  organizationId: string | null;
  label: string | null;
  signingKey: string;
  boxKey: string;
  jurisdictions: string[];
  principalId: string | null;
  mandateMaxValue: string | null;
  mandateCurrency: string | null;
  mandateTypes: string[] | null;
  /** The credential document exactly as the issuer signed it (canonical JSON). */
  document: string;
  issuerSignature: string;
  issuedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  issueTxHash: string | null;
  issueBlock: number | null;
  revokeTxHash: string | null;
  revokeBlock: number | null;
}

export interface OrganizationDetails {
  id: string;
  name: string;
  jurisdiction: string;
  createdAt: Date;
}

export interface RegulatorDesignationDetails {
  jurisdiction: string;
  credentialId: string;
  designatedAt: Date;
}

/** What authentication needs of a credential on every request, and nothing more. */
export interface LiveCallerFacts {
  id: string;
  role: Role;
  organizationId: string | null;
  jurisdictions: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Set while behaviour monitoring holds the credential suspended (docs/MONITORING.md). */
  suspendedAt?: Date | null;
}

export interface CredentialRevocation {
  credentialId: string;
  reason: string;
  at: Date;
  outbox: OutboxWork;
  audit: AuditNote;
}

/**
 * Credentials, organisations and regulator designations. Reads here are by identifier and
 * serve authentication and the operator; the caller's scope is decided before (only the
 * operator administers) or is the credential itself (login, `me`).
 */
export abstract class CredentialRepository {
  abstract findById(id: string): Promise<CredentialDetails | null>;
  abstract findBySigningKey(signingKey: string): Promise<CredentialDetails | null>;
  /** By id (a uuid) or by its unique name. */
  abstract findOrganization(idOrName: string): Promise<OrganizationDetails | null>;
  /** At most `first` organisations, oldest first (the operator's listing). */
  abstract listOrganizations(first: number): Promise<OrganizationDetails[]>;
  /** At most `first` credentials, oldest first; of one organisation if given. */
  abstract listCredentials(organizationId: string | null, first: number): Promise<CredentialDetails[]>;
  /** The few columns authentication checks on every request (a prepared statement). */
  abstract liveCallerFacts(credentialId: string): Promise<LiveCallerFacts | null>;
  /** Stores a credential with its chain work and audit event, all or none; KEY_IN_USE if the key is taken. */
  abstract insertCredential(
    credential: CredentialDetails,
    outbox: OutboxWork,
    audit: AuditNote,
  ): Promise<void>;
  /** Revokes under a row lock: CREDENTIAL_UNKNOWN or CONFLICT (already revoked) otherwise. */
  abstract revoke(revocation: CredentialRevocation): Promise<CredentialDetails>;
  /** Stores an organisation with its audit event; ORGANIZATION_EXISTS if the name is taken. */
  abstract addOrganization(
    organization: Omit<OrganizationDetails, 'createdAt'>,
    audit: AuditNote,
  ): Promise<OrganizationDetails>;
  /** Designating twice is harmless: the first designation stands (and only it is audited). */
  abstract designateRegulator(
    designation: Omit<RegulatorDesignationDetails, 'designatedAt'>,
    audit: AuditNote,
  ): Promise<RegulatorDesignationDetails>;
}
