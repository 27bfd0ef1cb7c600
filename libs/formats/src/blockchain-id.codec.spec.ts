// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- ethers is the independent reference implementation, in specs only
import { getAddress } from 'ethers';
import { isChecksumAddress, toChecksumAddress } from './address.checksum';
import { formatBlockchainId, parseBlockchainId } from './blockchain-id.codec';
import { utf8 } from './bytes.codec';
import { FormatErrorCode } from './format.error';
import { keccak256Hex } from './keccak.hash';

const id = keccak256Hex(utf8('agreement'));
const registry = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const good = `eip155:31337:${registry}:${id}`;

describe('EIP-55 checksum', () => {
  it('matches the EIP-55 examples and ethers.getAddress', () => {
    for (const a of [
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
      '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
    ]) {
      expect(toChecksumAddress(a.toLowerCase())).toBe(a);
      expect(isChecksumAddress(a)).toBe(true);
    }
    const random = keccak256Hex(utf8('x')).slice(0, 42);
    expect(toChecksumAddress(random)).toBe(getAddress(random));
  });
});

describe('blockchain id', () => {
  it('formats and parses back', () => {
    expect(formatBlockchainId({ chainId: 31337, registry: registry.toLowerCase(), agreementId: id })).toBe(
      good,
    );
    expect(parseBlockchainId(good)).toEqual({ chainId: 31337n, registry, agreementId: id });
    const big = `eip155:${(2n ** 64n).toString()}:${registry}:${id}`;
    expect(parseBlockchainId(big).chainId).toBe(2n ** 64n);
  });

  it.each<[string, string, string, RegExp]>([
    ['too few parts', `eip155:31337:${registry}`, 'structure', /4 parts/],
    ['too many parts', `${good}:x`, 'structure', /4 parts/],
    ['another namespace', good.replace('eip155', 'cosmos'), 'namespace', /eip155/],
    ['a zero chain id', good.replace(':31337:', ':0:'), 'chainId', /positive decimal/],
    ['a leading zero', good.replace(':31337:', ':031337:'), 'chainId', /leading zeros/],
    ['a hex chain id', good.replace(':31337:', ':0x7a69:'), 'chainId', /decimal/],
    ['a short address', good.replace(registry, registry.slice(0, 41)), 'registry', /40 hex/],
    [
      'a mis-cased address',
      good.replace(registry, registry.toLowerCase()),
      'registry',
      /checksummed form is 0x5FbDB2315678afecb367f032d93F642f64180aa3/,
    ],
    ['a typo in the address', good.replace('aa3', 'aa4'), 'registry', /EIP-55/],
    ['a short id', good.slice(0, -2), 'agreementId', /64 hex/],
    ['an upper-case id', good.replace(id, `0x${id.slice(2).toUpperCase()}`), 'agreementId', /lower-case/],
    ['an id without 0x', good.replace(id, id.slice(2)), 'agreementId', /0x/],
  ])('says what is wrong with %s', (_label, text, part, message) => {
    try {
      parseBlockchainId(text);
      throw new Error('parsed');
    } catch (error) {
      expect(error).toMatchObject({ code: FormatErrorCode.INVALID_BLOCKCHAIN_ID, path: part });
      expect((error as Error).message).toMatch(message);
    }
  });
});
