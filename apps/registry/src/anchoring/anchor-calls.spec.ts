import { randomBytes } from 'node:crypto';
import { registryInterface } from '@signet/chain';
import { recordBatchCall } from './anchor-calls';

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
