import { Inject, Injectable } from '@nestjs/common';
import {
  disclosureOf,
  sealedDigest,
  verifyEvidence,
  type OnChainRecord,
} from '@signet/formats';
import {
  AgreementStatus,
  BlobStore,
  checkBlobDigest,
  checkIndexRow,
  verdictOf,
  VerificationIndex,
  type AgreementRecord,
  type SignatureRecord,
  type Verdict,
  type VerificationCheck,
} from '@signet/domain';
import { ChainIdentity, blockchainIdOf } from '../agreements/chain-identity';
import { buildReceipt } from '../agreements/receipt-builder';
import { ChainFacts } from './chain-facts';

export interface VerdictRequest {
  agreementId: string;
  text?: string;
  salt?: string;
  /**
   * Anonymous callers learn only about agreements the chain already records: whether an
   * unanchored deposit sits in the index is not theirs to know.
   */
  anonymous: boolean;
}

/**
 * Audit and verify (the design's flows 5 and 6): the chain's records, the index row and the stored blob,
 * compared field by field. The chain facts go through docs/FORMATS.md §12 (verifyEvidence,
 * fed a receipt built from the index row, exactly what a party would hold), the row is
 * checked against itself (index-*), the blob against the digest (blob-digest), and the
 * anchor's depth against CONFIRMATIONS.
 */
@Injectable()
export class VerdictBuilder {
  constructor(
    @Inject(VerificationIndex) private readonly index: VerificationIndex,
    @Inject(BlobStore) private readonly blobs: BlobStore,
    @Inject(ChainIdentity) private readonly chain: ChainIdentity,
    @Inject(ChainFacts) private readonly facts: ChainFacts,
  ) {}

  blockchainId(agreementId: string): string {
    return blockchainIdOf(this.chain, agreementId);
  }

  async build(request: VerdictRequest): Promise<Verdict> {
    const id = request.agreementId;
    const [records, indexed] = await Promise.all([this.facts.agreementRecords(id), this.index.find(id)]);
    const row = indexed?.record ?? null;
    const signatures = indexed?.signatures ?? [];
    if (records.length === 0 && (request.anonymous || row === null)) {
      return verdictOf([
        {
          name: 'on-chain-record',
          ok: false,
          detail: `no AgreementRecorded log for ${id} on chain ${this.chain.chainId}, registry ${this.chain.registryAddress}`,
        },
      ]);
    }
    if (row === null) {
      return verdictOf([
        {
          name: 'index-row',
          ok: false,
          detail: 'the chain records this agreement but the index holds no row for it',
        },
      ]);
    }
    const [chainChecks, blobCheck] = await Promise.all([
      this.chainChecks(row, signatures, records, request),
      this.blobCheck(row),
    ]);
    const checks = [...chainChecks.checks, ...checkIndexRow(row, signatures, this.chain), blobCheck];
    return verdictOf(checks, chainChecks.warnings);
  }

  private async chainChecks(
    row: AgreementRecord,
    signatures: SignatureRecord[],
    records: OnChainRecord[],
    request: VerdictRequest,
  ): Promise<{ checks: VerificationCheck[]; warnings: string[] }> {
    let receipt;
    try {
      receipt = buildReceipt(row, signatures, this.blockchainId(row.id));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { checks: [{ name: 'index-receipt', ok: false, detail }], warnings: [] };
    }
    if (receipt === null) {
      const where = records[0] ? `, yet the chain records it in block ${records[0].blockNumber}` : '';
      return {
        checks: [{ name: 'anchor', ok: false, detail: `not anchored yet (status ${row.status})${where}` }],
        warnings: [],
      };
    }
    const anchorBlock = records[0]?.blockNumber ?? receipt.anchor.blockNumber;
    const signers = [...receipt.parties, ...(receipt.ratifications ?? []).map((r) => r.credentialId)];
    const [credentialKeys, statusEvents, head, anchorTimestamp, disclosures] = await Promise.all([
      this.facts.credentialKeys(signers, anchorBlock),
      this.facts.statusEvents(row.id),
      this.facts.head(),
      this.facts.blockTimestamp(anchorBlock),
      // Only a disclosed agreement's verdict costs the extra log query.
      disclosureOf(receipt) === 'public' ? this.facts.disclosures(row.id) : undefined,
    ]);
    const evidence = verifyEvidence({
      blockchainId: receipt.blockchainId,
      receipt,
      onChainRecords: records,
      credentialKeys,
      anchorTimestamp,
      finality: { head, depth: this.facts.confirmations },
      statusEvents,
      disclosures,
      text: request.text,
      salt: request.salt,
    });
    return { checks: evidence.checks, warnings: evidence.warnings };
  }

  private async blobCheck(row: AgreementRecord): Promise<VerificationCheck> {
    try {
      const bytes = await this.blobs.get(row.sealedDigest.slice(2));
      return checkBlobDigest(
        row.sealedDigest,
        bytes ? { digest: sealedDigest(bytes) } : null,
        row.status === AgreementStatus.Shredded,
      );
    } catch (error) {
      return {
        name: 'blob-digest',
        ok: false,
        detail: `object storage did not answer: ${(error as Error).message}`,
      };
    }
  }
}
