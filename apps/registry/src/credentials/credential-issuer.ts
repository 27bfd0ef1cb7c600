import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  credentialNotAfter,
  CREDENTIAL_DOCUMENT_VERSION,
  DomainError,
  ErrorCode,
  sealCredentialDocument,
  type Caller,
  type CredentialDocument,
  type CredentialMandate,
  type Role,
} from '@signet/domain';
import { ed25519Sign, fromHex, toHex } from '@signet/formats';
import { appendAudit, CredentialOrmEntity, enqueueOutbox } from '@signet/persistence';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { OperatorIdentity } from './operator-identity';

export interface CredentialDraft {
  role: Role;
  organizationId: string | null;
  signingKey: string;
  boxKey: string;
  jurisdictions: string[];
  principalId: string | null;
  mandate: CredentialMandate | null;
  expiresAt: Date | null;
  label: string | null;
}

/**
 * Builds, signs and stores a credential, with its outbox row (the chain event) and its
 * audit event in the caller's transaction: all three commit together or not at all.
 */
@Injectable()
export class CredentialIssuer {
  constructor(
    @Inject(OperatorIdentity) private readonly operator: OperatorIdentity,
    @Inject(ChainGateway) private readonly chain: ChainGateway,
  ) {}

  async issue(
    manager: EntityManager,
    draft: CredentialDraft,
    actor: Caller | null,
    now = new Date(),
  ): Promise<CredentialOrmEntity> {
    const document: CredentialDocument = {
      version: CREDENTIAL_DOCUMENT_VERSION,
      registry: `eip155:${this.chain.chainId}:${this.chain.registryAddress}`,
      role: draft.role,
      organization: draft.organizationId,
      signingKey: draft.signingKey,
      boxKey: draft.boxKey,
      jurisdictions: draft.jurisdictions,
      principal: draft.principalId,
      mandate: draft.mandate,
      issuer: this.operator.signingKey,
      issuedAt: now.toISOString(),
      expiresAt: draft.expiresAt?.toISOString() ?? null,
    };
    const sealed = sealCredentialDocument(document);
    if (await manager.existsBy(CredentialOrmEntity, { signingKey: draft.signingKey })) {
      throw new DomainError(ErrorCode.KeyInUse, 'this signing key already has a credential: make a new key');
    }
    const row: CredentialOrmEntity = Object.assign(new CredentialOrmEntity(), {
      id: sealed.id,
      role: draft.role,
      organizationId: draft.organizationId,
      label: draft.label,
      signingKey: draft.signingKey,
      boxKey: draft.boxKey,
      jurisdictions: draft.jurisdictions,
      principalId: draft.principalId,
      mandateMaxValue: draft.mandate?.maxValue ?? null,
      mandateCurrency: draft.mandate?.currency ?? null,
      mandateTypes: draft.mandate?.types ?? null,
      document: sealed.canonical,
      issuerSignature: toHex(ed25519Sign(fromHex(sealed.id, 32), this.operator.keys.signing.secretKey)),
      issuedAt: now,
      expiresAt: draft.expiresAt,
      revokedAt: null,
      revocationReason: null,
      issueTxHash: null,
      issueBlock: null,
      revokeTxHash: null,
      revokeBlock: null,
    });
    await manager.insert(CredentialOrmEntity, row);
    await enqueueOutbox(manager, {
      kind: 'credential_issue',
      subjectId: sealed.id,
      payload: {
        signingKey: draft.signingKey,
        boxKey: draft.boxKey,
        documentHash: sealed.documentHash,
        notAfter: credentialNotAfter(document),
      },
    });
    await appendAudit(manager, {
      action: 'credential.issue',
      actorId: actor?.credentialId ?? sealed.id,
      actorRole: actor?.role ?? 'operator',
      subjectId: sealed.id,
      detail: { role: draft.role, organizationId: draft.organizationId, documentHash: sealed.documentHash },
    });
    return row;
  }
}
