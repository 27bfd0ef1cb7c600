import { In, type DataSource } from 'typeorm';
import { BatchLeafOrmEntity } from './orm/batch-leaf.orm-entity';
import { ChainTransactionOrmEntity } from './orm/chain-transaction.orm-entity';
import type { AgreementOrmEntity } from './orm/agreement.orm-entity';
import type { AnchorColumns } from './record-mappers';

/**
 * The anchor of each mined agreement among `rows` (agreement id → columns): its batch
 * transaction and its leaf, two reads for any number of rows. Rows not mined are absent.
 */
export async function loadAnchorColumns(
  dataSource: DataSource,
  rows: AgreementOrmEntity[],
): Promise<Map<string, AnchorColumns>> {
  const mined = rows.filter((row) => row.anchorTxId !== null);
  const anchors = new Map<string, AnchorColumns>();
  if (mined.length === 0) return anchors;
  const txIds = [...new Set(mined.map((row) => row.anchorTxId!))];
  const [txs, leaves] = await Promise.all([
    dataSource.getRepository(ChainTransactionOrmEntity).findBy({ id: In(txIds) }),
    dataSource
      .getRepository(BatchLeafOrmEntity)
      .findBy({ chainTxId: In(txIds), agreementId: In(mined.map((row) => row.id)) }),
  ]);
  const txById = new Map(txs.map((tx) => [tx.id, tx]));
  const leafOf = new Map(leaves.map((leaf) => [`${leaf.chainTxId}/${leaf.agreementId}`, leaf]));
  for (const row of mined) {
    const tx = txById.get(row.anchorTxId!);
    if (!tx) continue;
    const leaf = leafOf.get(`${row.anchorTxId}/${row.id}`);
    anchors.set(row.id, {
      txHash: tx.minedTxHash,
      blockNumber: tx.blockNumber,
      blockHash: tx.blockHash,
      batchRoot: leaf?.batchRoot ?? null,
      proof: leaf?.merkleProof ?? null,
    });
  }
  return anchors;
}
