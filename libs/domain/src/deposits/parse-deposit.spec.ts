import { canonicalJson, generateKeyPair, metadataHash, toHex } from '@signet/formats';
import { createDraft, depositInput } from '@signet/sdk';
import { DEPOSIT_LIMITS } from '../agreements/deposit-limits';
import { DomainError } from '../errors/domain-error';
import type { DepositCommand } from './deposit-command';
import { parseDeposit } from './parse-deposit';

const keys = generateKeyPair();
const parties = [`0x${'01'.repeat(32)}`, `0x${'02'.repeat(32)}`];
const { draft } = createDraft({
  text: 'Terms.',
  metadata: {
    type: 'nda',
    parties,
    jurisdictions: ['DE'],
    effectiveAt: '2027-01-01',
    expiresAt: '2030-01-01',
  },
  recipients: [{ credentialId: parties[0], kind: 'party', boxKey: toHex(keys.box.publicKey), keyId: '' }],
  chainId: 31337,
  registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
});
const good: DepositCommand = {
  ...depositInput(draft),
  signatures: [{ credentialId: parties[0], signature: `0x${'ab'.repeat(64)}` }],
};

function refusal(command: DepositCommand): { code: string; field: unknown } {
  try {
    parseDeposit(command);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.details?.field };
    throw error;
  }
  return { code: 'passed', field: undefined };
}

describe('parsing a deposit (shape and size, before any lookup)', () => {
  it('returns the metadata, its canonical text and hash, and the blob', () => {
    const parsed = parseDeposit(good);
    expect(parsed.metadata.parties).toEqual(parties);
    expect(parsed.canonicalMetadata).toBe(canonicalJson(draft.metadata));
    expect(parsed.metadataHash).toBe(metadataHash(draft.metadata));
    expect(parsed.blob.length).toBeGreaterThan(0);
  });

  it('names the field at fault', () => {
    expect(refusal({ ...good, idempotencyKey: 'has space' })).toEqual({
      code: 'BAD_INPUT',
      field: 'idempotencyKey',
    });
    expect(refusal({ ...good, nonce: '0x12' })).toEqual({ code: 'BAD_INPUT', field: 'nonce' });
    expect(refusal({ ...good, metadata: '{' })).toEqual({ code: 'BAD_INPUT', field: 'metadata' });
    expect(refusal({ ...good, metadata: '{"type":1}' }).code).toBe('INVALID_METADATA');
    expect(refusal({ ...good, metadata: 'x'.repeat(DEPOSIT_LIMITS.maxMetadataBytes + 1) })).toEqual({
      code: 'TOO_LARGE',
      field: 'metadata',
    });
    expect(refusal({ ...good, wraps: [] })).toEqual({ code: 'BAD_INPUT', field: 'wraps' });
    expect(refusal({ ...good, wraps: [...good.wraps, ...good.wraps] })).toEqual({
      code: 'BAD_INPUT',
      field: 'wraps',
    });
    expect(refusal({ ...good, sealedBlob: 'AAAA' })).toEqual({ code: 'INVALID_BLOB', field: 'sealedBlob' });
    expect(refusal({ ...good, signatures: [{ credentialId: parties[0], signature: '0x00' }] })).toEqual({
      code: 'BAD_INPUT',
      field: 'signatures[0].signature',
    });
  });
});
