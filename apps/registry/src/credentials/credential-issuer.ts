import { Inject, Injectable } from '@nestjs/common';
import {
  credentialNotAfter,
  CREDENTIAL_DOCUMENT_VERSION,
  CredentialRepository,
  DomainError,
  ErrorCode,
  sealCredentialDocument,
  type Caller,
  type CredentialDetails,
  type CredentialDocument,
  type CredentialMandate,
  type Role,
} from '@signet/domain';
import { ed25519Sign, fromHex, toHex } from '@signet/formats';
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
 * audit event: all three commit together or not at all.
 */
@Injectable()
export class CredentialIssuer {
  constructor(
    @Inject(OperatorIdentity) private readonly operator: OperatorIdentity,
    @Inject(ChainGateway) private readonly chain: ChainGateway,
    @Inject(CredentialRepository) private readonly credentials: CredentialRepository,
  ) {}

  async issue(draft: CredentialDraft, actor: Caller | null, now = new Date()): Promise<CredentialDetails> {
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
    if (await this.credentials.findBySigningKey(draft.signingKey)) {
      throw new DomainError(ErrorCode.KeyInUse, 'this signing key already has a credential: make a new key');
    }
    const row: CredentialDetails = {
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
    };
    const payload = {
      signingKey: draft.signingKey,
      boxKey: draft.boxKey,
      documentHash: sealed.documentHash,
      notAfter: credentialNotAfter(document),
    };
    // The operator's own credential issues itself.
    const issuer = actor ?? {
      credentialId: sealed.id,
      role: 'operator',
      organizationId: null,
      jurisdictions: [],
    };
    await this.credentials.insertCredential(
      row,
      { kind: 'credential_issue', subjectId: sealed.id, payload },
      {
        action: 'credential.issue',
        actor: issuer,
        subjectId: sealed.id,
        detail: { role: draft.role, organizationId: draft.organizationId, documentHash: sealed.documentHash },
      },
    );
    return row;
  }
}
