import { canonicalJson, agreementId, metadataHash, recordHash, signaturesHash } from '@signet/formats';
import { AgreementStatus } from '../agreements/agreement-status';
import type { AgreementRecord, SignatureRecord } from '../agreements/records';
import { checkBlobDigest } from './chain-rules';
import { checkIndexRow } from './index-row.rules';

const REGISTRY = { chainId: 31337, registryAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const word = (n: number): string => `0x${n.toString(16).padStart(64, '0')}`;

function fixture(): { row: AgreementRecord; signatures: SignatureRecord[] } {
  const metadata = {
    type: 'nda',
    parties: [word(1), word(2)],
    jurisdictions: ['DE'],
    effectiveAt: '2026-01-01',
    expiresAt: '2031-01-01',
    value: '100.5',
    currency: 'EUR',
  };
  const signatures: SignatureRecord[] = metadata.parties.map((party, i) => ({
    credentialId: party,
    signingKey: word(10 + i),
    signature: `0x${'ab'.repeat(64)}`,
    kind: 'party',
  }));
  const commitment = word(3);
  const nonce = word(4);
  const id = agreementId({
    ...REGISTRY,
    registry: REGISTRY.registryAddress,
    commitment,
    metadataHash: metadataHash(metadata),
    parties: metadata.parties,
    parentId: null,
    nonce,
  });
  const sigsHash = signaturesHash(
    signatures.map((s) => ({
      credentialId: s.credentialId,
      publicKey: s.signingKey,
      signature: s.signature,
    })),
  );
  const sealedDigest = word(5);
  return {
    signatures,
    row: {
      id,
      status: AgreementStatus.Final,
      type: 'nda',
      jurisdictions: ['DE'],
      parties: metadata.parties,
      organizationIds: [],
      parentId: null,
      supersedesId: null,
      effectiveAt: new Date('2026-01-01'),
      expiresAt: new Date('2031-01-01'),
      value: '100.500000',
      currency: 'EUR',
      metadata: canonicalJson(metadata),
      metadataHash: metadataHash(metadata),
      commitment,
      sealedDigest,
      sealedSize: 100,
      nonce,
      signaturesHash: sigsHash,
      recordHash: recordHash(id, sealedDigest, sigsHash),
      depositorId: word(1),
      idempotencyKey: 'k',
      requestHash: word(6),
      createdAt: new Date(),
      anchor: null,
    },
  };
}

const failed = (row: AgreementRecord, signatures: SignatureRecord[]): string[] =>
  checkIndexRow(row, signatures, REGISTRY)
    .filter((check) => !check.ok)
    .map((check) => check.name);

describe('the index row checked against itself', () => {
  it('passes for a row exactly as deposited (numeric columns read back with trailing zeros)', () => {
    const { row, signatures } = fixture();
    expect(failed(row, signatures)).toEqual([]);
  });

  it('names the column that was changed', () => {
    const { row, signatures } = fixture();
    expect(failed({ ...row, effectiveAt: new Date('2026-01-02') }, signatures)).toEqual([
      'index-effective-at',
    ]);
    expect(failed({ ...row, jurisdictions: ['FR'] }, signatures)).toEqual(['index-jurisdictions']);
    expect(failed({ ...row, value: '99' }, signatures)).toEqual(['index-value']);
    expect(failed({ ...row, type: 'supply' }, signatures)).toEqual(['index-type']);
  });

  it('names the hashes when the metadata, a signature or the record hash is edited', () => {
    const { row, signatures } = fixture();
    const edited = row.metadata.replace('"nda"', '"ndb"');
    expect(failed({ ...row, metadata: edited }, signatures)).toEqual([
      'index-metadata-hash',
      'index-type',
      'index-agreement-id',
    ]);
    const forged = signatures.map((s, i) => (i === 0 ? { ...s, signature: `0x${'cd'.repeat(64)}` } : s));
    expect(failed(row, forged)).toEqual(['index-signatures-hash', 'index-record-hash']);
    expect(failed({ ...row, recordHash: word(9) }, signatures)).toEqual(['index-record-hash']);
    expect(failed(row, signatures.slice(1))).toEqual(['index-signatures-hash', 'index-record-hash']);
  });
});

describe('chain rules', () => {
  it('fails blob-digest for a missing or different blob, except after shredding', () => {
    expect(checkBlobDigest(word(5), { digest: word(5) }, false).ok).toBe(true);
    expect(checkBlobDigest(word(5), { digest: word(6) }, false).ok).toBe(false);
    expect(checkBlobDigest(word(5), null, false).ok).toBe(false);
    expect(checkBlobDigest(word(5), null, true).ok).toBe(true);
  });
});
