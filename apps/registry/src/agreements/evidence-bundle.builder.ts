import { Inject, Injectable } from '@nestjs/common';
import { findDeploymentBlock } from '@signet/chain';
import {
  BUNDLE_VERSION,
  type CredentialEvidence,
  type EvidenceBundle,
  type Receipt,
  type StatusEvidence,
} from '@signet/formats';
import {
  AgreementStore,
  AuditTrailRepository,
  BatchTimestampStore,
  EvidenceReader,
  type AgreementRecord,
  type CredentialDocumentRecord,
  type SignatureRecord,
} from '@signet/domain';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { auditCheckpointOf, timestampOf } from './bundle-attachments';
import { buildReceipt } from './receipt-builder';

/**
 * Receipt v2 and the evidence bundle (FORMATS.md §11): the index row's receipt plus the
 * credential documents a court needs to check signing authority offline (the signers,
 * their principals and the issuing operator), where the registry's logs start, and the
 * evidence behind the agreement's status events, the batch root's RFC 3161 token and the
 * audit checkpoint covering the agreement's access trail.
 */
@Injectable()
export class EvidenceBundleBuilder {
  private deployment: Promise<number> | null = null;

  constructor(
    @Inject(AgreementStore) private readonly store: AgreementStore,
    @Inject(EvidenceReader) private readonly evidence: EvidenceReader,
    @Inject(ChainGateway) private readonly chain: ChainGateway,
    @Inject(BatchTimestampStore) private readonly timestamps: BatchTimestampStore,
    @Inject(AuditTrailRepository) private readonly audit: AuditTrailRepository,
  ) {}

  async receipt(record: AgreementRecord, blockchainId: string): Promise<Receipt | null> {
    return this.receiptWith(record, blockchainId, await this.store.findSignatures(record.id));
  }

  async bundle(record: AgreementRecord, blockchainId: string): Promise<EvidenceBundle | null> {
    const signatures = await this.store.findSignatures(record.id);
    const receipt = await this.receiptWith(record, blockchainId, signatures);
    if (receipt === null) return null;
    const statusEvidence: StatusEvidence[] = [];
    const terminations = record.parties.flatMap((party) =>
      signatures.filter((s) => s.kind === 'termination' && s.credentialId === party),
    );
    if (terminations.length > 0) {
      statusEvidence.push({
        status: 'TERMINATED',
        signatures: terminations.map((s) => ({
          credentialId: s.credentialId,
          publicKey: s.signingKey,
          signature: s.signature,
        })),
      });
    }
    const amendingId = await this.evidence.amendingAgreementId(record.id);
    const amending = amendingId === null ? null : await this.store.findAgreement(amendingId);
    if (amending !== null) {
      const amendingReceipt = await this.receipt(
        amending,
        blockchainId.replace(/0x[0-9a-f]{64}$/, amending.id),
      );
      if (amendingReceipt !== null) statusEvidence.push({ status: 'SUPERSEDED', receipt: amendingReceipt });
    }
    const [timestamp, auditCheckpoint] = await Promise.all([
      timestampOf(this.timestamps, receipt.anchor.batchRoot),
      auditCheckpointOf(this.audit, record.id),
    ]);
    const bundle: EvidenceBundle = { version: BUNDLE_VERSION, receipt, statusEvidence };
    if (timestamp) bundle.timestamp = timestamp;
    if (auditCheckpoint) bundle.auditCheckpoint = auditCheckpoint;
    return bundle;
  }

  private async receiptWith(
    record: AgreementRecord,
    blockchainId: string,
    signatures: SignatureRecord[],
  ): Promise<Receipt | null> {
    if (!record.anchor) return null;
    const signers = signatures.filter((s) => s.kind !== 'termination').map((s) => s.credentialId);
    const [credentials, deploymentBlock] = await Promise.all([
      this.credentialsFor(signers),
      this.deploymentBlock(),
    ]);
    return buildReceipt(record, signatures, blockchainId, { deploymentBlock, credentials });
  }

  /** The signers' documents, then their principals', then the issuers' (found by signing key). */
  private async credentialsFor(signers: string[]): Promise<CredentialEvidence[]> {
    const found = new Map<string, CredentialDocumentRecord>();
    const add = (rows: CredentialDocumentRecord[]) => rows.forEach((row) => found.set(row.id, row));
    add(await this.evidence.credentialDocuments(signers));
    const read = (field: 'principal' | 'issuer') =>
      [...found.values()]
        .map((row) => (JSON.parse(row.document) as Record<string, string | null>)[field])
        .filter((value): value is string => typeof value === 'string');
    add(await this.evidence.credentialDocuments(read('principal').filter((id) => !found.has(id))));
    add(await this.evidence.credentialDocumentsBySigningKey(read('issuer')));
    return [...found.values()].map((row) => ({
      document: row.document,
      issuerSignature: row.issuerSignature,
    }));
  }

  private deploymentBlock(): Promise<number> {
    this.deployment ??= findDeploymentBlock(this.chain.provider, this.chain.registryAddress);
    return this.deployment;
  }
}
