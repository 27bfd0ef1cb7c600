import { In, type DataSource } from 'typeorm';
import { EvidenceReader, type CredentialDocumentRecord } from '@signet/domain';
import { AgreementOrmEntity } from './orm/agreement.orm-entity';
import { CredentialOrmEntity } from './orm/credential.orm-entity';

const DOCUMENT_COLUMNS = { id: true, signingKey: true, document: true, issuerSignature: true } as const;

/** EvidenceReader on PostgreSQL through TypeORM. */
export class TypeormEvidenceReader extends EvidenceReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async credentialDocuments(ids: string[]): Promise<CredentialDocumentRecord[]> {
    if (ids.length === 0) return [];
    return this.dataSource
      .getRepository(CredentialOrmEntity)
      .find({ select: DOCUMENT_COLUMNS, where: { id: In([...new Set(ids)]) } });
  }

  async credentialDocumentsBySigningKey(signingKeys: string[]): Promise<CredentialDocumentRecord[]> {
    if (signingKeys.length === 0) return [];
    return this.dataSource
      .getRepository(CredentialOrmEntity)
      .find({ select: DOCUMENT_COLUMNS, where: { signingKey: In([...new Set(signingKeys)]) } });
  }

  async amendingAgreementId(agreementId: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(AgreementOrmEntity)
      .findOne({ select: { id: true }, where: { supersedesId: agreementId }, order: { createdAt: 'ASC' } });
    return row?.id ?? null;
  }
}
