// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- ethers is the independent reference implementation, in specs only
import { TypedDataEncoder, keccak256 as ethersKeccak, toUtf8Bytes, concat } from 'ethers';
import { agreementId, agreementStructHash, domainSeparator } from './agreement-id.hash';
import { toHex, utf8 } from './bytes.codec';
import { commitment } from './commitment.hash';
import { keccak256Hex } from './keccak.hash';
import { metadataHash } from './metadata.hash';

const word = (label: string): string => keccak256Hex(utf8(label));
const input = {
  chainId: 8453n,
  registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  commitment: word('c'),
  metadataHash: word('m'),
  parties: [word('p1'), word('p2'), word('p3')],
  parentId: word('parent'),
  nonce: word('n'),
};

// ethers is an independent EIP-712 implementation: if both agree, any wallet will too.
const types = {
  Agreement: [
    { name: 'commitment', type: 'bytes32' },
    { name: 'metadataHash', type: 'bytes32' },
    { name: 'parties', type: 'bytes32[]' },
    { name: 'parentId', type: 'bytes32' },
    { name: 'nonce', type: 'bytes32' },
  ],
};
const domain = { name: 'Signet', version: '1', chainId: input.chainId, verifyingContract: input.registry };

describe('agreementId (EIP-712)', () => {
  it('equals ethers TypedDataEncoder.hash', () => {
    expect(agreementId(input)).toBe(TypedDataEncoder.hash(domain, types, input));
    expect(domainSeparator(input.chainId, input.registry)).toBe(TypedDataEncoder.hashDomain(domain));
    expect(agreementStructHash(input)).toBe(TypedDataEncoder.from(types).hash(input));
  });

  it('encodes "no parent" as the zero word', () => {
    const zero = `0x${'00'.repeat(32)}`;
    const expected = TypedDataEncoder.hash(domain, types, { ...input, parentId: zero });
    expect(agreementId({ ...input, parentId: null })).toBe(expected);
    expect(agreementId({ ...input, parentId: undefined })).toBe(expected);
  });

  it('changes with every field, the chain and the registry', () => {
    const base = agreementId(input);
    const variants = [
      { ...input, chainId: 1n },
      { ...input, registry: '0x0000000000000000000000000000000000000001' },
      { ...input, commitment: word('x') },
      { ...input, metadataHash: word('x') },
      { ...input, parties: [input.parties[1], input.parties[0], input.parties[2]] },
      { ...input, parties: input.parties.slice(0, 2) },
      { ...input, parentId: word('x') },
      { ...input, nonce: word('x') },
    ];
    expect(new Set([base, ...variants.map(agreementId)]).size).toBe(variants.length + 1);
  });
});

describe('commitment and metadataHash', () => {
  it('hash the domain string, then the raw bytes', () => {
    const salt = new Uint8Array(32).fill(7);
    expect(commitment(salt, 'héllo')).toBe(
      ethersKeccak(concat([toUtf8Bytes('signet:commitment:v1'), salt, toUtf8Bytes('héllo')])),
    );
    const meta = {
      type: 't',
      parties: [word('p')],
      jurisdictions: ['DE'],
      effectiveAt: '2025-01-01',
      expiresAt: '2025-01-02',
    };
    const canonical = `{"effectiveAt":"2025-01-01","expiresAt":"2025-01-02","jurisdictions":["DE"],"parties":["${word('p')}"],"type":"t"}`;
    expect(metadataHash(meta)).toBe(ethersKeccak(toUtf8Bytes(`signet:metadata:v1${canonical}`)));
  });

  it('is hiding only with the salt: another salt, another commitment', () => {
    expect(commitment(new Uint8Array(32), 'a')).not.toBe(commitment(new Uint8Array(32).fill(1), 'a'));
    expect(() => commitment(new Uint8Array(31), 'a')).toThrow('salt');
    expect(toHex(new Uint8Array([0xab]))).toBe('0xab');
  });
});
