import { randomBytes } from 'node:crypto';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- ethers is the independent reference implementation, in specs only
import { AbiCoder, keccak256 } from 'ethers';
import { utf8 } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import { keccak256Hex } from './keccak.hash';
import { LEAF_ENCODING, buildBatch, merkleLeaf, verifyMerkleProof, type BatchEntry } from './merkle.tree';
import { caught } from './caught.spec-helper';

const word = (label: string): string => keccak256Hex(utf8(label));
const entries = Array.from({ length: 7 }, (_, i) => ({ id: word(`id${i}`), recordHash: word(`rh${i}`) }));

describe('Merkle batches', () => {
  it('gives a proof per id that verifies, here and in OpenZeppelin', () => {
    const batch = buildBatch(entries);
    for (const e of entries) {
      const proof = batch.proofs.get(e.id)!;
      expect(verifyMerkleProof(batch.root, e, proof)).toBe(true);
      expect(StandardMerkleTree.verify(batch.root, LEAF_ENCODING, [e.id, e.recordHash], proof)).toBe(true);
    }
  });

  it('hashes a leaf as keccak256(keccak256(abi.encode(id, recordHash)))', () => {
    const encoded = AbiCoder.defaultAbiCoder().encode(
      ['bytes32', 'bytes32'],
      [entries[0].id, entries[0].recordHash],
    );
    expect(merkleLeaf(entries[0])).toBe(keccak256(keccak256(encoded)));
  });

  it('a single agreement is its own root, with an empty proof', () => {
    const batch = buildBatch([entries[0]]);
    expect(batch.root).toBe(merkleLeaf(entries[0]));
    expect(batch.proofs.get(entries[0].id)).toEqual([]);
  });

  it('fails for a changed id, record hash, proof step, root, or a proof of another leaf', () => {
    const batch = buildBatch(entries);
    const e = entries[3];
    const proof = batch.proofs.get(e.id)!;
    const bump = (h: string): string => `${h.slice(0, -1)}${h.endsWith('0') ? '1' : '0'}`;
    expect(verifyMerkleProof(batch.root, { ...e, id: bump(e.id) }, proof)).toBe(false);
    expect(verifyMerkleProof(batch.root, { ...e, recordHash: bump(e.recordHash) }, proof)).toBe(false);
    expect(verifyMerkleProof(batch.root, e, [bump(proof[0]), ...proof.slice(1)])).toBe(false);
    expect(verifyMerkleProof(batch.root, e, proof.slice(1))).toBe(false);
    expect(verifyMerkleProof(bump(batch.root), e, proof)).toBe(false);
    expect(verifyMerkleProof(batch.root, e, batch.proofs.get(entries[4].id)!)).toBe(false);
    expect(verifyMerkleProof(batch.root, e, ['0xzz'])).toBe(false);
  });

  it('refuses an empty batch, a repeated id, or malformed hex', () => {
    const code = { code: FormatErrorCode.INVALID_MERKLE_INPUT };
    expect(caught(() => buildBatch([]))).toMatchObject(code);
    expect(caught(() => buildBatch([entries[0], { ...entries[1], id: entries[0].id }]))).toMatchObject({
      ...code,
      path: 'entries[1]',
    });
    expect(caught(() => buildBatch([{ id: '0x12', recordHash: entries[0].recordHash }]))).toMatchObject(code);
  });

  it('refuses upper-case hex', () => {
    expect(() =>
      buildBatch([{ id: entries[0].id.toUpperCase(), recordHash: entries[0].recordHash }]),
    ).toThrow(FormatError);
  });

  const randomWord = (): string => `0x${randomBytes(32).toString('hex')}`;
  const randomEntries = (n: number): BatchEntry[] =>
    Array.from({ length: n }, () => ({ id: randomWord(), recordHash: randomWord() }));

  it.each([1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 64, 100, 257, 500])(
    'gives the root and every proof of OpenZeppelin’s StandardMerkleTree for %i agreements',
    (n) => {
      const batch = randomEntries(n);
      const ours = buildBatch(batch);
      const tree = StandardMerkleTree.of(
        batch.map((e) => [e.id, e.recordHash]),
        LEAF_ENCODING,
      );
      expect(ours.root).toBe(tree.root.toLowerCase());
      const reference = new Map<string, string[]>();
      for (const [index, [id]] of tree.entries())
        reference.set(
          id,
          tree.getProof(index).map((p) => p.toLowerCase()),
        );
      expect([...ours.proofs]).toEqual(batch.map((e) => [e.id, reference.get(e.id)]));
      for (const e of batch) {
        const proof = ours.proofs.get(e.id) ?? [];
        expect(StandardMerkleTree.verify(ours.root, LEAF_ENCODING, [e.id, e.recordHash], proof)).toBe(true);
        expect(verifyMerkleProof(ours.root, e, proof)).toBe(true);
      }
    },
  );
});
