import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BIG_NUMBER, HEX32_NULLABLE, TIMESTAMP, TIMESTAMP_NULLABLE } from './columns';

/**
 * One nonce of the anchoring key. The signed transaction is stored before it is
 * broadcast, so after a crash the worker knows exactly what may be on chain.
 * A fee bump re-signs the same calldata at the same nonce: at most one lands.
 */
@Entity('chain_transactions')
export class ChainTransactionOrmEntity {
  /** bigint, read as a string by pg. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Index({ unique: true }) @Column({ type: 'integer' }) nonce!: number;
  @Column({ type: 'text' }) calldata!: string;
  @Column({ type: 'text', name: 'raw_tx' }) rawTx!: string;
  @Column({ type: 'text', array: true, name: 'tx_hashes' }) txHashes!: string[];
  @Column({ type: 'numeric', name: 'max_fee_per_gas' }) maxFeePerGas!: string;
  @Column({ type: 'numeric', name: 'max_priority_fee_per_gas' }) maxPriorityFeePerGas!: string;
  @Column({ type: 'bigint', name: 'gas_limit', transformer: BIG_NUMBER }) gasLimit!: number;
  @Index() @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ ...HEX32_NULLABLE, name: 'mined_tx_hash' }) minedTxHash!: string | null;
  @Column({ type: 'bigint', name: 'block_number', nullable: true, transformer: BIG_NUMBER }) blockNumber!:
    number | null;
  @Column({ ...HEX32_NULLABLE, name: 'block_hash' }) blockHash!: string | null;
  @Column({ ...TIMESTAMP, name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ ...TIMESTAMP, name: 'sent_at', default: () => 'now()' }) sentAt!: Date;
  @Column({ ...TIMESTAMP_NULLABLE, name: 'mined_at' }) minedAt!: Date | null;
}
