import type { BatchLeaf, OutboxWork, RegistryCall } from '@signet/domain';
import { encodeDisclosure, type AgreementMetadata } from '@signet/formats';
import { registryInterface } from './registry-logs';

const RECORD_BATCH_SELECTOR = registryInterface.getFunction('recordBatch')!.selector;
const RECORD_BATCH_DISCLOSED_SELECTOR = registryInterface.getFunction('recordBatchDisclosed')!.selector;
const WORD = /^0x[0-9a-fA-F]{64}$/;
const BYTES = /^0x(?:[0-9a-fA-F]{2})*$/;
/** An entry's index and length are uint16s (contracts/AgreementRegistry.sol, recordBatchDisclosed). */
const MAX_UINT16 = 0xffff;

/** One agreement of a batch whose public metadata goes on chain: its position in `ids` and its bytes. */
export interface BatchDisclosure {
  index: number;
  /** The disclosure bytes (docs/FORMATS.md, Disclosure), 0x hex. */
  data: string;
}

/** The calldata of one registry call, as the anchor worker stores and signs it. */
export function registryCallData(call: RegistryCall): string {
  return call.kind === 'batch' ? batchCall(call.root, call.leaves) : singleCall(call.work);
}

/**
 * The call that anchors a batch: recordBatch when nothing in it is disclosed (hashed mode,
 * whose gas must not change), else recordBatchDisclosed with each disclosed leaf's bytes.
 */
export function batchCall(root: string, leaves: readonly BatchLeaf[]): string {
  const ids = leaves.map((leaf) => leaf.id);
  const recordHashes = leaves.map((leaf) => leaf.recordHash);
  const disclosures = leaves.flatMap((leaf, index) =>
    leaf.disclosedMetadata === null
      ? []
      : [{ index, data: encodeDisclosure(JSON.parse(leaf.disclosedMetadata) as AgreementMetadata) }],
  );
  return disclosures.length === 0
    ? recordBatchCall(root, ids, recordHashes)
    : recordBatchDisclosedCall(root, ids, recordHashes, disclosures);
}

/**
 * Calldata of one recordBatch(bytes32 root, bytes32[] ids, bytes32[] recordHashes): the
 * Merkle root and the leaves' two words per agreement. The ABI layout written out (head:
 * root and the two arrays' offsets; then each array's length and words), because ethers'
 * generic encoder took 15 ms for a batch of 250; the spec compares the bytes with it.
 */
export function recordBatchCall(root: string, ids: string[], recordHashes: string[]): string {
  return [RECORD_BATCH_SELECTOR, ...batchWords(3, root, ids, recordHashes)].join('').toLowerCase();
}

/**
 * Calldata of recordBatchDisclosed(root, ids, recordHashes, bytes disclosures), written out as
 * recordBatchCall is: the same head and arrays, a fourth offset, then the packed entries
 * (`uint16 index ‖ uint16 length ‖ bytes`, indices increasing) as one ABI `bytes`.
 */
export function recordBatchDisclosedCall(
  root: string,
  ids: string[],
  recordHashes: string[],
  disclosures: BatchDisclosure[],
): string {
  let previous = -1;
  const packed = disclosures
    .map(({ index, data }) => {
      const length = (data.length - 2) / 2;
      if (!Number.isInteger(index) || index <= previous || index >= ids.length)
        throw new TypeError(`disclosure index ${index} is not increasing within the batch`);
      if (!BYTES.test(data) || length > MAX_UINT16)
        throw new TypeError(`not disclosure bytes: ${data.slice(0, 80)}`);
      previous = index;
      return uint16(index) + uint16(length) + data.slice(2);
    })
    .join('');
  const bytesOffset = 4 * 32 + 2 * 32 * (1 + ids.length);
  const words = batchWords(4, root, ids, recordHashes);
  return [
    RECORD_BATCH_DISCLOSED_SELECTOR,
    ...words.slice(0, 3),
    uint256(bytesOffset),
    ...words.slice(3),
    uint256(packed.length / 2),
    packed.padEnd(Math.ceil(packed.length / 64) * 64, '0'),
  ]
    .join('')
    .toLowerCase();
}

/** The root, the two arrays' offsets (after a head of `headWords`), then each array's length and words. */
function batchWords(headWords: number, root: string, ids: string[], recordHashes: string[]): string[] {
  for (const word of [root, ...ids, ...recordHashes]) {
    if (!WORD.test(word)) throw new TypeError(`not a bytes32: ${word.slice(0, 80)}`);
  }
  const idsOffset = headWords * 32;
  const hashesOffset = idsOffset + 32 * (1 + ids.length);
  return [
    root.slice(2),
    uint256(idsOffset),
    uint256(hashesOffset),
    uint256(ids.length),
    ...ids.map((id) => id.slice(2)),
    uint256(recordHashes.length),
    ...recordHashes.map((hash) => hash.slice(2)),
  ];
}

function uint16(value: number): string {
  return value.toString(16).padStart(4, '0');
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
