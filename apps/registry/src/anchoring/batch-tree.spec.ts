import { randomBytes } from 'node:crypto';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { buildBatch, FormatError, LEAF_ENCODING, verifyMerkleProof, type BatchEntry } from '@signet/formats';
import { buildBatchTree } from './batch-tree';

const word = (): string => `0x${randomBytes(32).toString('hex')}`;
const entries = (n: number): BatchEntry[] =>
  Array.from({ length: n }, () => ({ id: word(), recordHash: word() }));

describe('buildBatchTree', () => {
  it.each([1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 64, 100, 257, 500])(
    'gives the root and proofs of StandardMerkleTree and buildBatch for %i agreements',
    (n) => {
      const batch = entries(n);
      const fast = buildBatchTree(batch);
      const reference = buildBatch(batch);
      expect(fast.root).toBe(reference.root);
      expect([...fast.proofs]).toEqual([...reference.proofs]);

      const tree = StandardMerkleTree.of(
        batch.map((e) => [e.id, e.recordHash]),
        LEAF_ENCODING,
      );
      expect(fast.root).toBe(tree.root.toLowerCase());
      for (const e of batch) {
        const proof = fast.proofs.get(e.id) ?? [];
        expect(StandardMerkleTree.verify(fast.root, LEAF_ENCODING, [e.id, e.recordHash], proof)).toBe(true);
        expect(verifyMerkleProof(fast.root, e, proof)).toBe(true);
      }
    },
  );

  it('refuses what buildBatch refuses', () => {
    const [a] = entries(1);
    expect(() => buildBatchTree([])).toThrow(FormatError);
    expect(() => buildBatchTree([a, a])).toThrow(FormatError);
    expect(() => buildBatchTree([{ id: a.id.toUpperCase(), recordHash: a.recordHash }])).toThrow(FormatError);
    expect(() => buildBatchTree([{ id: '0x12', recordHash: a.recordHash }])).toThrow(FormatError);
  });
});
