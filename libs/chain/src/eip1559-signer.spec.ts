import { randomBytes } from 'node:crypto';
import { Transaction, Wallet } from 'ethers';
import { signEip1559, type Eip1559Fields } from './eip1559-signer';

const wallet = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const hex = (length: number) => `0x${randomBytes(length).toString('hex')}`;

function fields(overrides: Partial<Eip1559Fields> = {}): Eip1559Fields {
  return {
    chainId: 31337,
    nonce: 7,
    maxPriorityFeePerGas: 1_000_000_000n,
    maxFeePerGas: 3_000_000_000n,
    gasLimit: 1_500_000n,
    to: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    value: 0n,
    data: hex(16_164),
    ...overrides,
  };
}

async function viaEthers(tx: Eip1559Fields) {
  const raw = await wallet.signTransaction({ type: 2, ...tx });
  return { raw, hash: Transaction.from(raw).hash };
}

describe('signEip1559: the bytes ethers signs, without its cost', () => {
  // Each RLP length class: empty, one byte below and at 0x80, 55 and 56 bytes (short and
  // long strings), a long list; integers at 0, 127, 128, 2^32 and fees that need 9+ bytes.
  const cases: Array<[string, Partial<Eip1559Fields>]> = [
    ['a batch of 250 agreements', {}],
    ['no calldata, nonce 0, no fees', { data: '0x', nonce: 0, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }],
    ['one calldata byte below 0x80', { data: '0x7f', nonce: 127 }],
    ['one calldata byte at 0x80', { data: '0x80', nonce: 128 }],
    ['55 bytes of calldata', { data: hex(55), nonce: 2 ** 32 }],
    ['56 bytes of calldata', { data: hex(56), value: 1n }],
    [
      'large fees and value',
      { maxFeePerGas: 2n ** 80n + 5n, maxPriorityFeePerGas: 2n ** 64n, value: 10n ** 21n },
    ],
    ['another chain', { chainId: 11155111n, gasLimit: 30_000_000n }],
  ];
  it.each(cases)('%s', async (_name, overrides) => {
    const tx = fields(overrides);
    const ours = signEip1559(tx, wallet.signingKey);
    expect(ours).toEqual(await viaEthers(tx));
    const parsed = Transaction.from(ours.raw);
    expect(parsed.from).toBe(wallet.address);
    expect(parsed.data).toBe(tx.data.toLowerCase());
  });

  it('matches on many random transactions (both signature parities)', async () => {
    const parities = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const tx = fields({
        nonce: randomBytes(1)[0] * 1000,
        gasLimit: BigInt(randomBytes(3).readUIntBE(0, 3)),
        maxFeePerGas: BigInt(`0x${randomBytes(8).toString('hex')}`),
        data: hex(randomBytes(1)[0] * 4),
      });
      const ours = signEip1559(tx, wallet.signingKey);
      expect(ours).toEqual(await viaEthers(tx));
      parities.add(Transaction.from(ours.raw).signature!.yParity);
    }
    expect([...parities].sort()).toEqual([0, 1]);
  });

  it('refuses what is not a transaction', () => {
    const key = wallet.signingKey;
    expect(() => signEip1559(fields({ to: '0x1234' }), key)).toThrow('expected 20 bytes');
    expect(() => signEip1559(fields({ data: '0xabc' }), key)).toThrow('not 0x-prefixed hex bytes');
    expect(() => signEip1559(fields({ value: -1n }), key)).toThrow('cannot be negative');
  });
});
