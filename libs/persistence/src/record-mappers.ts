import type { AgreementRecord, AgreementStatus, CredentialRecord, Role } from '@signet/domain';
import { normaliseAmount } from '@signet/domain';
import type { AgreementOrmEntity } from './orm/agreement.orm-entity';
import type { CredentialOrmEntity } from './orm/credential.orm-entity';

/** Where an agreement was anchored: its batch transaction's row and its own leaf (batch_leaves). */
export interface AnchorColumns {
  txHash: string | null;
  blockNumber: number | null;
  blockHash: string | null;
  batchRoot: string | null;
  proof: string[] | null;
}

/** The columns a CredentialRecord is made of (an ORM row, or a row of raw SQL). */
export type CredentialColumns = Pick<
  CredentialOrmEntity,
  | 'id'
  | 'role'
  | 'organizationId'
  | 'signingKey'
  | 'boxKey'
  | 'jurisdictions'
  | 'principalId'
  | 'mandateMaxValue'
  | 'mandateCurrency'
  | 'mandateTypes'
  | 'expiresAt'
  | 'revokedAt'
>;

export function toCredentialRecord(row: CredentialColumns): CredentialRecord {
  return {
    id: row.id,
    role: row.role as Role,
    organizationId: row.organizationId,
    signingKey: row.signingKey,
    boxKey: row.boxKey,
    jurisdictions: row.jurisdictions,
    principalId: row.principalId,
    mandate: {
      maxValue: row.mandateMaxValue === null ? null : normaliseAmount(row.mandateMaxValue),
      currency: row.mandateCurrency,
      types: row.mandateTypes,
      jurisdictions: row.role === 'agent' && row.jurisdictions.length > 0 ? row.jurisdictions : null,
      expiresAt: row.expiresAt,
    },
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

export function toAgreementRecord(row: AgreementOrmEntity, tx: AnchorColumns | null): AgreementRecord {
  const anchored = tx && tx.txHash && tx.blockNumber !== null && tx.batchRoot && row.logIndex !== null;
  return {
    id: row.id,
    status: row.status as AgreementStatus,
    type: row.type,
    jurisdictions: row.jurisdictions,
    parties: row.parties,
    organizationIds: row.organizationIds,
    parentId: row.parentId,
    supersedesId: row.supersedesId,
    effectiveAt: row.effectiveAt,
    expiresAt: row.expiresAt,
    value: row.value === null ? null : normaliseAmount(row.value),
    currency: row.currency,
    metadata: row.metadata,
    metadataHash: row.metadataHash,
    commitment: row.commitment,
    sealedDigest: row.sealedDigest,
    sealedSize: row.sealedSize,
    nonce: row.nonce,
    signaturesHash: row.signaturesHash,
    recordHash: row.recordHash,
    depositorId: row.depositorId,
    idempotencyKey: row.idempotencyKey,
    requestHash: row.requestHash,
    policyDecision: row.policyDecision ?? null,
    createdAt: row.createdAt,
    anchor: anchored
      ? {
          txHash: tx.txHash!,
          blockNumber: tx.blockNumber!,
          blockHash: tx.blockHash ?? '',
          logIndex: row.logIndex!,
          batchRoot: tx.batchRoot!,
          proof: tx.proof ?? [],
          anchoredAt: row.anchoredAt,
          finalizedAt: row.finalizedAt,
        }
      : null,
  };
}
