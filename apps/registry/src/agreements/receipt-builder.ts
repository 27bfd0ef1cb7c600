import { RECEIPT_VERSION, type AgreementMetadata, type Receipt } from '@signet/formats';
import type { AgreementRecord, SignatureRecord } from '@signet/domain';

/** The receipt a party keeps (docs/FORMATS.md): only once the agreement is anchored. */
export function buildReceipt(
  agreement: AgreementRecord,
  signatures: SignatureRecord[],
  blockchainId: string,
): Receipt | null {
  const anchor = agreement.anchor;
  if (!anchor) return null;
  const partySignatures = agreement.parties.map((party) => {
    const signature = signatures.find((s) => s.kind === 'party' && s.credentialId === party);
    if (!signature) throw new Error(`agreement ${agreement.id} lacks the signature of ${party}`);
    return { credentialId: party, publicKey: signature.signingKey, signature: signature.signature };
  });
  return {
    version: RECEIPT_VERSION,
    blockchainId,
    agreementId: agreement.id,
    metadata: JSON.parse(agreement.metadata) as AgreementMetadata,
    metadataHash: agreement.metadataHash,
    commitment: agreement.commitment,
    sealedDigest: agreement.sealedDigest,
    parties: agreement.parties,
    parentId: agreement.parentId,
    nonce: agreement.nonce,
    signatures: partySignatures,
    recordHash: agreement.recordHash,
    ...(agreement.policyDecision ? { policyDecision: agreement.policyDecision } : {}),
    anchor: {
      txHash: anchor.txHash,
      blockNumber: anchor.blockNumber,
      blockHash: anchor.blockHash,
      logIndex: anchor.logIndex,
      batchRoot: anchor.batchRoot,
      proof: anchor.proof,
    },
  };
}
