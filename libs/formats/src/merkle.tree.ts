import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { type HexString, concatBytes, fromHex, isHex, toHex } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import { keccak256 } from './keccak.hash';

/**
 * Batches are OpenZeppelin StandardMerkleTrees over `[id, recordHash]` leaves encoded as
 * `["bytes32","bytes32"]`, so the contract (or anyone) can check a proof with
 * OpenZeppelin's `MerkleProof.verify`.
 */
export const LEAF_ENCODING = ['bytes32', 'bytes32'];

export interface BatchEntry {
  id: HexString;
  recordHash: HexString;
}

export interface Batch {
  root: HexString;
  /** Per agreement id, the sibling hashes from leaf to root. */
  proofs: Map<HexString, HexString[]>;
}

/** A batch's entries, refused unless non-empty, well-formed and one per agreement id. */
export function checkBatchEntries(entries: readonly BatchEntry[]): void {
  if (entries.length === 0)
    throw new FormatError(FormatErrorCode.INVALID_MERKLE_INPUT, 'a batch needs at least one agreement');
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (!isHex(e.id, 32) || !isHex(e.recordHash, 32)) {
      throw new FormatError(
        FormatErrorCode.INVALID_MERKLE_INPUT,
        'id and recordHash must be 0x + 64 lower-case hex',
        `entries[${i}]`,
      );
    }
    // One id per batch: a proof is looked up by id, and two leaves for one id would be ambiguous.
    if (seen.has(e.id))
      throw new FormatError(
        FormatErrorCode.INVALID_MERKLE_INPUT,
        `agreement ${e.id} appears twice`,
        `entries[${i}]`,
      );
    seen.add(e.id);
  });
}

export function buildBatch(entries: BatchEntry[]): Batch {
  checkBatchEntries(entries);
  const tree = StandardMerkleTree.of(
    entries.map((e) => [e.id, e.recordHash]),
    LEAF_ENCODING,
  );
  const proofs = new Map<HexString, HexString[]>();
  for (const [index, [id]] of tree.entries())
    proofs.set(
      id,
      tree.getProof(index).map((p) => p.toLowerCase()),
    );
  return { root: tree.root.toLowerCase(), proofs };
}

/** `keccak256(keccak256(abi.encode(id, recordHash)))`: the double hash rules out second-preimage tricks with inner nodes. */
export function merkleLeaf(entry: BatchEntry): HexString {
  return toHex(keccak256(keccak256(fromHex(entry.id, 32), fromHex(entry.recordHash, 32))));
}

/**
 * Walks the proof with sorted-pair hashing, exactly like OpenZeppelin's MerkleProof.verify.
 * Written out (rather than delegated) so FORMATS.md can describe it line for line; the spec
 * checks that it agrees with StandardMerkleTree.verify.
 */
export function verifyMerkleProof(root: HexString, entry: BatchEntry, proof: HexString[]): boolean {
  if (
    !isHex(root, 32) ||
    !isHex(entry.id, 32) ||
    !isHex(entry.recordHash, 32) ||
    !proof.every((p) => isHex(p, 32))
  )
    return false;
  let node = fromHex(merkleLeaf(entry), 32);
  for (const sibling of proof) {
    const other = fromHex(sibling, 32);
    node = keccak256(compareBytes(node, other) <= 0 ? concatBytes(node, other) : concatBytes(other, node));
  }
  return toHex(node) === root;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
