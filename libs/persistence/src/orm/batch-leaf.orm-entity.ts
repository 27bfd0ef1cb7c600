import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HEX32 } from './columns';

/**
 * One agreement in one signed batch transaction, with what its receipt needs: the batch's
 * Merkle root and the agreement's proof. Written once, when the batch is signed; kept
 * apart from `agreements` so that the agreement rows stay narrow enough for the
 * anchoring steps' updates to stay on their page (HOT). The key's first column finds a
 * batch's members.
 */
@Entity('batch_leaves')
export class BatchLeafOrmEntity {
  @PrimaryColumn({ type: 'bigint', name: 'chain_tx_id' }) chainTxId!: string;
  @PrimaryColumn({ ...HEX32, name: 'agreement_id' }) agreementId!: string;
  @Column({ ...HEX32, name: 'batch_root' }) batchRoot!: string;
  @Column({ type: 'jsonb', name: 'merkle_proof' }) merkleProof!: string[];
}
