import { registryInterface } from '@signet/chain';
import type { OutboxWork } from '@signet/domain';

const RECORD_BATCH_SELECTOR = registryInterface.getFunction('recordBatch')!.selector;
const WORD = /^0x[0-9a-fA-F]{64}$/;

/**
 * Calldata of one recordBatch(bytes32 root, bytes32[] ids, bytes32[] recordHashes): the
 * Merkle root and the leaves' two words per agreement. The ABI layout written out (head:
 * root and the two arrays' offsets; then each array's length and words), because ethers'
 * generic encoder took 15 ms for a batch of 250; the spec compares the bytes with it.
 */
export function recordBatchCall(root: string, ids: string[], recordHashes: string[]): string {
  for (const word of [root, ...ids, ...recordHashes]) {
    if (!WORD.test(word)) throw new TypeError(`not a bytes32: ${word.slice(0, 80)}`);
  }
  const idsOffset = 3 * 32;
  const hashesOffset = idsOffset + 32 * (1 + ids.length);
  return [
    RECORD_BATCH_SELECTOR,
    root.slice(2),
    uint256(idsOffset),
    uint256(hashesOffset),
    uint256(ids.length),
    ...ids.map((id) => id.slice(2)),
    uint256(recordHashes.length),
    ...recordHashes.map((hash) => hash.slice(2)),
  ]
    .join('')
    .toLowerCase();
}

function uint256(value: number): string {
  return value.toString(16).padStart(64, '0');
}

/** Calldata for the rare, one-per-transaction kinds of outbox work. */
export function singleCall(work: Exclude<OutboxWork, { kind: 'agreement' }>): string {
  switch (work.kind) {
    case 'credential_issue':
      return registryInterface.encodeFunctionData('issueCredential', [
        work.subjectId,
        work.payload.signingKey,
        work.payload.boxKey,
        work.payload.documentHash,
        BigInt(work.payload.notAfter),
      ]);
    case 'credential_revoke':
      return registryInterface.encodeFunctionData('revokeCredential', [
        work.subjectId,
        work.payload.reasonHash,
      ]);
    case 'status':
      return registryInterface.encodeFunctionData('setStatus', [
        work.subjectId,
        work.payload.status,
        work.payload.detail,
      ]);
    case 'policy_activation':
      return registryInterface.encodeFunctionData('activatePolicy', [
        work.payload.jurisdiction,
        work.subjectId,
      ]);
    case 'audit_checkpoint':
      return registryInterface.encodeFunctionData('checkpointAudit', [
        BigInt(work.payload.sequence),
        work.payload.head,
      ]);
  }
}
