import type { AgreementRecord, SignatureRecord } from '../agreements/records';

export interface IndexedAgreement {
  record: AgreementRecord;
  signatures: SignatureRecord[];
}

/**
 * Everything the verdict needs from the index, in one round trip: the agreement row, its
 * anchoring transaction, its leaf of the batch (root, proof) and its signatures. Its caller
 * is public verification, which may ask about any agreement by its id (the verdict shows
 * only what the chain and the party's receipt already show).
 */
export abstract class VerificationIndex {
  abstract find(agreementId: string): Promise<IndexedAgreement | null>;
}
