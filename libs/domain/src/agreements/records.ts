import type { Role } from '../access/caller';
import type { AgreementStatus } from './agreement-status';
import type { Mandate } from './mandate';
import type { PolicyDecision } from '../policy/policy-decision';

/** A credential as the deposit rules need it. */
export interface CredentialRecord {
  id: string;
  role: Role;
  organizationId: string | null;
  signingKey: string;
  boxKey: string;
  jurisdictions: string[];
  principalId: string | null;
  mandate: Mandate;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Behaviour monitoring: its deals wait for a principal (ANOMALY) until then. */
  escalateUntil?: Date | null;
}

export interface AnchorRecord {
  txHash: string;
  blockNumber: number;
  blockHash: string;
  logIndex: number;
  batchRoot: string;
  proof: string[];
  anchoredAt: Date | null;
  finalizedAt: Date | null;
}

export interface AgreementRecord {
  id: string;
  status: AgreementStatus;
  type: string;
  jurisdictions: string[];
  parties: string[];
  organizationIds: string[];
  parentId: string | null;
  supersedesId: string | null;
  effectiveAt: Date;
  expiresAt: Date;
  value: string | null;
  currency: string | null;
  /** Canonical metadata JSON, exactly as hashed. */
  metadata: string;
  metadataHash: string;
  commitment: string;
  sealedDigest: string;
  sealedSize: number;
  nonce: string;
  signaturesHash: string;
  recordHash: string;
  depositorId: string;
  idempotencyKey: string;
  requestHash: string;
  /** What the jurisdictions' policy packs decided at deposit; null for agreements from before packs. */
  policyDecision: PolicyDecision | null;
  createdAt: Date;
  anchor: AnchorRecord | null;
}

export interface SignatureRecord {
  credentialId: string;
  signingKey: string;
  signature: string;
  kind: 'party' | 'ratification' | 'termination';
}

export interface WrapRecord {
  keyId: string;
  credentialId: string | null;
  box: string;
}

export interface StatusChangeRecord {
  status: AgreementStatus;
  actorId: string | null;
  reason: string | null;
  at: Date;
}
