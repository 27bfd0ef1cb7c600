import type { AgreementRecord } from '@signet/domain';
import { blockchainIdOf, type ChainIdentity } from './chain-identity';
import type { AgreementObject } from './dto/agreement.object';

/** An index record as the API shows it (the storage shape never reaches GraphQL). */
export function presentAgreement(record: AgreementRecord, chain: ChainIdentity): AgreementObject {
  return {
    id: blockchainIdOf(chain, record.id),
    agreementId: record.id,
    status: record.status,
    type: record.type,
    jurisdictions: record.jurisdictions,
    parties: record.parties,
    organizationIds: record.organizationIds,
    parentId: record.parentId ?? undefined,
    effectiveAt: record.effectiveAt,
    expiresAt: record.expiresAt,
    value: record.value ?? undefined,
    currency: record.currency ?? undefined,
    metadata: record.metadata,
    metadataHash: record.metadataHash,
    commitment: record.commitment,
    sealedDigest: record.sealedDigest,
    sealedSize: record.sealedSize,
    nonce: record.nonce,
    recordHash: record.recordHash,
    createdAt: record.createdAt,
    policyDecision: record.policyDecision
      ? {
          ...record.policyDecision,
          disclosure: record.policyDecision.disclosure ?? 'hashed',
          reasons: record.policyDecision.reasons.map((reason) => ({
            ...reason,
            jurisdiction: reason.jurisdiction ?? undefined,
          })),
        }
      : undefined,
    anchor: record.anchor
      ? {
          ...record.anchor,
          anchoredAt: record.anchor.anchoredAt ?? undefined,
          finalizedAt: record.anchor.finalizedAt ?? undefined,
        }
      : undefined,
  };
}
