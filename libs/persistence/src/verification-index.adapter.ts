import type { DataSource } from 'typeorm';
import { VerificationIndex, type IndexedAgreement, type SignatureRecord } from '@signet/domain';
import type { AgreementOrmEntity } from './orm/agreement.orm-entity';
import { toAgreementRecord } from './record-mappers';
import { preparedRows } from './sql';

interface Row extends AgreementOrmEntity {
  batchRoot: string | null;
  merkleProof: string[] | null;
  txHash: string | null;
  blockNumber: string | null;
  blockHash: string | null;
  signatures: SignatureRecord[];
}

/**
 * VerificationIndex on PostgreSQL. Public verification runs at hundreds a second, so it
 * skips the ORM's per-query planning and uses a named (prepared) statement. Columns are
 * aliased to the entity's property names so the shared mapper turns the row into a record
 * exactly as the rest of the service sees it.
 */
export class PgVerificationIndex extends VerificationIndex {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async find(agreementId: string): Promise<IndexedAgreement | null> {
    const [row] = await preparedRows<Row>(this.dataSource, 'signet-verification-row', SQL, [agreementId]);
    if (row === undefined) return null;
    const blockNumber = row.blockNumber === null ? null : Number(row.blockNumber);
    return {
      record: toAgreementRecord(row, {
        txHash: row.txHash,
        blockNumber,
        blockHash: row.blockHash,
        batchRoot: row.batchRoot,
        proof: row.merkleProof,
      }),
      signatures: row.signatures,
    };
  }
}

const SQL = `
select a.id, a.status, a.type, a.jurisdictions, a.parties, a.organization_ids as "organizationIds",
  a.parent_id as "parentId", a.supersedes_id as "supersedesId", a.effective_at as "effectiveAt",
  a.expires_at as "expiresAt", a.value, a.currency, a.metadata, a.metadata_hash as "metadataHash",
  a.commitment, a.sealed_digest as "sealedDigest", a.sealed_size as "sealedSize", a.nonce,
  a.signatures_hash as "signaturesHash", a.record_hash as "recordHash", a.depositor_id as "depositorId",
  a.idempotency_key as "idempotencyKey", a.request_hash as "requestHash", a.created_at as "createdAt",
  a.policy_decision as "policyDecision",
  a.anchor_tx_id as "anchorTxId", l.batch_root as "batchRoot", l.merkle_proof as "merkleProof",
  a.log_index as "logIndex", a.anchored_at as "anchoredAt", a.finalized_at as "finalizedAt",
  t.mined_tx_hash as "txHash", t.block_number as "blockNumber", t.block_hash as "blockHash",
  coalesce((select json_agg(json_build_object('credentialId', s.credential_id, 'signingKey', s.signing_key,
      'signature', s.signature, 'kind', s.kind))
    from agreement_signatures s where s.agreement_id = a.id), '[]') as signatures
from agreements a left join chain_transactions t on t.id = a.anchor_tx_id
  left join batch_leaves l on l.chain_tx_id = a.anchor_tx_id and l.agreement_id = a.id
where a.id = $1`;
