/** A credential document exactly as issued, with the issuer's signature over its id. */
export interface CredentialDocumentRecord {
  id: string;
  signingKey: string;
  document: string;
  issuerSignature: string;
}

/**
 * What a receipt v2 and an evidence bundle add to the agreement row (FORMATS.md §11). Every
 * read is about an agreement the caller has already been allowed to read; credential
 * documents are public (they are what the chain's documentHash commits to).
 */
export abstract class EvidenceReader {
  abstract credentialDocuments(ids: string[]): Promise<CredentialDocumentRecord[]>;
  abstract credentialDocumentsBySigningKey(signingKeys: string[]): Promise<CredentialDocumentRecord[]>;
  /** The agreement whose `supersedes` is this id, if one was deposited. */
  abstract amendingAgreementId(agreementId: string): Promise<string | null>;
}
