import { registryInterface } from '@signet/chain';
import type { OutboxWork } from '@signet/domain';

/** Calldata of one recordBatch: the Merkle root and the leaves' two words per agreement. */
export function recordBatchCall(root: string, ids: string[], recordHashes: string[]): string {
  return registryInterface.encodeFunctionData('recordBatch', [root, ids, recordHashes]);
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
    case 'audit_checkpoint':
      return registryInterface.encodeFunctionData('checkpointAudit', [
        BigInt(work.payload.sequence),
        work.payload.head,
      ]);
  }
}
