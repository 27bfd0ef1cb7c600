import { type HexString, fromHex, isHex, toHex } from './bytes.codec';
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

/**
 * The OpenZeppelin StandardMerkleTree over `[id, recordHash]` leaves, built directly: leaf
 * `keccak256(keccak256(id ‖ recordHash))`, leaves sorted, sorted-pair inner nodes, the tree
 * laid out as `makeMerkleTree` does, so the root and every proof are byte for byte the
 * library's (the spec compares them for many sizes). The library ABI-encodes each leaf
 * through a generic encoder, hashes with JavaScript keccak and re-verifies every proof it
 * hands out, which cost the anchor worker ~0.6 ms of CPU per agreement; this costs three
 * native keccaks per agreement.
 */
export function buildBatch(entries: readonly BatchEntry[]): Batch {
  checkBatchEntries(entries);
  const leaves = entries.map((e, i) => ({
    index: i,
    hash: keccak256(keccak256(fromHex(e.id, 32), fromHex(e.recordHash, 32))),
  }));
  leaves.sort((a, b) => compareBytes(a.hash, b.hash));

  // makeMerkleTree: leaf i sits at tree[length - 1 - i]; node i's children are 2i+1 and 2i+2.
  const tree = new Array<Uint8Array>(2 * leaves.length - 1);
  leaves.forEach((leaf, i) => (tree[tree.length - 1 - i] = leaf.hash));
  for (let i = tree.length - 1 - leaves.length; i >= 0; i--)
    tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
  const hex = tree.map(toHex);

  // Siblings from leaf to root; listed in the caller's order, as the library does.
  const byEntry = new Array<HexString[]>(entries.length);
  leaves.forEach((leaf, i) => {
    const proof: HexString[] = [];
    for (let at = tree.length - 1 - i; at > 0; at = (at - 1) >> 1)
      proof.push(hex[at % 2 === 0 ? at - 1 : at + 1]);
    byEntry[leaf.index] = proof;
  });
  return { root: hex[0], proofs: new Map(entries.map((e, i) => [e.id, byEntry[i]])) };
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
  for (const sibling of proof) node = hashPair(node, fromHex(sibling, 32));
  return toHex(node) === root;
}

/** OpenZeppelin's `_hashPair`: the two nodes in byte order, so a proof needs no left/right flags. */
function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  return compareBytes(a, b) <= 0 ? keccak256(a, b) : keccak256(b, a);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
