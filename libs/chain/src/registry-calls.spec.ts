import { randomBytes } from 'node:crypto';
import { recordBatchCall, recordBatchDisclosedCall } from './registry-calls';
import { registryInterface } from './registry-logs';

const word = () => `0x${randomBytes(32).toString('hex')}`;

describe('recordBatchCall: the ABI encoding, written out', () => {
  it.each([1, 2, 57, 250])('is byte for byte ethers’ encoding for a batch of %i', (size) => {
    const ids = Array.from({ length: size }, word);
    const hashes = Array.from({ length: size }, word);
    const root = word();
    const ours = recordBatchCall(root, ids, hashes);
    expect(ours).toBe(registryInterface.encodeFunctionData('recordBatch', [root, ids, hashes]));
    expect(registryInterface.decodeFunctionData('recordBatch', ours).toArray().map(String)).toEqual([
      root,
      ids.join(','),
      hashes.join(','),
    ]);
  });

  it('writes upper-case hex in lower case, as ethers does', () => {
    const id = word().toUpperCase().replace('0X', '0x');
    expect(recordBatchCall(id, [id], [id])).toBe(
      registryInterface.encodeFunctionData('recordBatch', [id, [id], [id]]),
    );
  });

  it('refuses a word that is not 32 bytes of hex', () => {
    expect(() => recordBatchCall(word(), [word().slice(0, 60)], [word()])).toThrow('not a bytes32');
    expect(() => recordBatchCall('0x', [word()], [word()])).toThrow('not a bytes32');
  });
});

describe('recordBatchDisclosedCall: the ABI encoding with packed disclosures, written out', () => {
  const bytes = (n: number) => `0x${randomBytes(n).toString('hex')}`;

  it.each([
    [1, [0]],
    [3, [0, 2]],
    [57, [5, 17, 56]],
    [100, Array.from({ length: 100 }, (_, i) => i)],
  ])('is byte for byte ethers’ encoding for a batch of %i disclosing %j', (size, indices) => {
    const ids = Array.from({ length: size }, word);
    const hashes = Array.from({ length: size }, word);
    const root = word();
    const disclosures = indices.map((index, i) => ({ index, data: bytes(40 + i * 7) }));
    const packed = `0x${disclosures
      .map(
        (d) =>
          d.index.toString(16).padStart(4, '0') +
          ((d.data.length - 2) / 2).toString(16).padStart(4, '0') +
          d.data.slice(2),
      )
      .join('')}`;
    const ours = recordBatchDisclosedCall(root, ids, hashes, disclosures);
    expect(ours).toBe(
      registryInterface.encodeFunctionData('recordBatchDisclosed', [root, ids, hashes, packed]),
    );
  });

  it('refuses indices that do not increase or leave the batch, and data that is not bytes', () => {
    const ids = [word(), word()];
    expect(() =>
      recordBatchDisclosedCall(word(), ids, ids, [
        { index: 1, data: '0x01' },
        { index: 1, data: '0x02' },
      ]),
    ).toThrow('not increasing');
    expect(() => recordBatchDisclosedCall(word(), ids, ids, [{ index: 2, data: '0x01' }])).toThrow(
      'not increasing',
    );
    expect(() => recordBatchDisclosedCall(word(), ids, ids, [{ index: 0, data: '0x1' }])).toThrow(
      'not disclosure bytes',
    );
  });
});
