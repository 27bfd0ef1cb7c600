import {
  RECEIPT_V2_VERSION,
  signatureSchemeOf,
  type AgreementMetadata,
  type CredentialEvidence,
  type Receipt,
} from '@signet/formats';
import type { AgreementRecord, SignatureRecord } from '@signet/domain';

/** What a full v2 receipt adds to the index row: found by the evidence reader. */
export interface ReceiptCredentials {
  deploymentBlock: number;
  credentials: CredentialEvidence[];
}

/**
 * The receipt a party keeps (docs/FORMATS.md §11), only once the agreement is anchored.
 * Each signature says the scheme it verifies under (2 for the SDK's, 1 for older clients);
 * without `extra` it lacks the credential documents, which is what the service's own
 * verdict needs (it reads credentials from the chain).
 */
export function buildReceipt(
  agreement: AgreementRecord,
  signatures: SignatureRecord[],
  blockchainId: string,
  extra?: ReceiptCredentials,
): Receipt | null {
  const anchor = agreement.anchor;
  if (!anchor) return null;
  const partySignatures = agreement.parties.map((party) => {
    const signature = signatures.find((s) => s.kind === 'party' && s.credentialId === party);
    if (!signature) throw new Error(`agreement ${agreement.id} lacks the signature of ${party}`);
    const scheme =
      signatureSchemeOf(agreement.id, agreement.sealedDigest, signature.signature, signature.signingKey) ?? 1;
    return { credentialId: party, publicKey: signature.signingKey, signature: signature.signature, scheme };
  });
  return {
    version: RECEIPT_V2_VERSION,
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
    anchor: {
      txHash: anchor.txHash,
      blockNumber: anchor.blockNumber,
      blockHash: anchor.blockHash,
      logIndex: anchor.logIndex,
      batchRoot: anchor.batchRoot,
      proof: anchor.proof,
    },
    ...(extra && { deploymentBlock: extra.deploymentBlock, credentials: extra.credentials }),
    ratifications: signatures
      .filter((s) => s.kind === 'ratification')
      .map((s) => ({ credentialId: s.credentialId, publicKey: s.signingKey, signature: s.signature })),
  };
}
