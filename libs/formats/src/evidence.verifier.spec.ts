import { fromHex, toHex } from './bytes.codec';
import {
  type CredentialKey,
  type OnChainRecord,
  type VerifyEvidenceInput,
  verifyEvidence,
} from './evidence.verifier';
import type { Receipt } from './receipt.model';
import { buildReceipt, depositInputs, fixtureBlob } from './test-vectors.fixture';

const { receipt } = buildReceipt(depositInputs);
const blob = fixtureBlob();
const [alice, bob] = receipt.signatures;
const record: OnChainRecord = { ...receipt.anchor, recordHash: receipt.recordHash };
const credentialKeys = new Map<string, CredentialKey>([
  [alice.credentialId, { signingKey: alice.publicKey, issuedAtBlock: 100, notAfter: 0 }],
  [bob.credentialId, { signingKey: bob.publicKey, issuedAtBlock: 1234, revokedAtBlock: 5000, notAfter: 2e9 }],
]);
const base: VerifyEvidenceInput = {
  blockchainId: receipt.blockchainId,
  receipt,
  onChainRecords: [record],
  credentialKeys,
  anchorTimestamp: 1_900_000_000,
  finality: { head: 1235, depth: 2 },
  text: depositInputs.text,
  salt: depositInputs.salt,
  blob,
};

const clone = (r: Receipt): Receipt => JSON.parse(JSON.stringify(r)) as Receipt;
/** Changes the last hex digit: one byte of the value. */
const bump = (hex: string): string => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
const failed = (input: VerifyEvidenceInput): string[] => {
  const verdict = verifyEvidence(input);
  expect(verdict.valid).toBe(verdict.checks.every((c) => c.ok));
  return verdict.checks.filter((c) => !c.ok).map((c) => c.name);
};
const sigA = `signature:${alice.credentialId}`;
const credA = `credential:${alice.credentialId}`;
const credB = `credential:${bob.credentialId}`;

describe('verifyEvidence', () => {
  it('passes every check on honest evidence', () => {
    const verdict = verifyEvidence(base);
    expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.checks.map((c) => c.name)).toEqual([
      'blockchain-id',
      'metadata-hash',
      'parties',
      'parent-id',
      'agreement-id',
      'signatures',
      sigA,
      credA,
      `signature:${bob.credentialId}`,
      credB,
      'record-hash',
      'on-chain-record',
      'duplicate-record',
      'merkle-proof',
      'confirmations',
      'status',
      'commitment',
      'sealed-digest',
    ]);
    expect(verdict.warnings).toEqual([expect.stringMatching(/no credential documents/)]);
  });

  it('skips commitment and sealed digest without text, salt and blob; never skips credentials', () => {
    const verdict = verifyEvidence({ ...base, text: undefined, salt: undefined, blob: undefined });
    expect(verdict.valid).toBe(true);
    expect(verdict.checks.map((c) => c.name)).not.toEqual(expect.arrayContaining(['commitment']));
    expect(verdict.checks.some((c) => c.name === 'sealed-digest')).toBe(false);
    expect(failed({ ...base, credentialKeys: new Map() })).toEqual([credA, credB]);
  });

  it('checks expiry against the anchor block timestamp: live iff timestamp < notAfter', () => {
    expect(failed({ ...base, anchorTimestamp: 2e9 - 1 })).toEqual([]);
    expect(failed({ ...base, anchorTimestamp: 2e9 })).toEqual([credB]);
    expect(
      verifyEvidence({ ...base, anchorTimestamp: 2e9 }).checks.find((c) => c.name === credB)?.detail,
    ).toMatch(/expired at 2033-05-18T03:33:20.000Z/);
    expect(failed({ ...base, anchorTimestamp: null })).toEqual([credA, credB]);
  });

  it('counts the anchor block as the first confirmation, or trusts the finalized tag', () => {
    expect(failed({ ...base, finality: { head: 1234, depth: 2 } })).toEqual(['confirmations']);
    expect(failed({ ...base, finality: { head: 1234, depth: 1 } })).toEqual([]);
    expect(failed({ ...base, finality: { finalizedBlock: 1234 } })).toEqual([]);
    expect(failed({ ...base, finality: { finalizedBlock: 1233 } })).toEqual(['confirmations']);
  });

  it.each<[string, (r: Receipt) => void, string[]]>([
    ['blockchainId', (r) => (r.blockchainId = bump(r.blockchainId)), ['blockchain-id']],
    [
      'agreementId',
      (r) => (r.agreementId = bump(r.agreementId)),
      ['blockchain-id', 'agreement-id', sigA, `signature:${bob.credentialId}`, 'record-hash', 'merkle-proof'],
    ],
    ['a metadata value', (r) => (r.metadata.value = '1250000.01'), ['metadata-hash']],
    ['a metadata term', (r) => ((r.metadata.terms as { half: number }).half = 0.25), ['metadata-hash']],
    ['metadataHash', (r) => (r.metadataHash = bump(r.metadataHash)), ['metadata-hash', 'agreement-id']],
    ['commitment', (r) => (r.commitment = bump(r.commitment)), ['agreement-id', 'commitment']],
    ['nonce', (r) => (r.nonce = bump(r.nonce)), ['agreement-id']],
    ['parties order', (r) => r.parties.reverse(), ['parties', 'agreement-id', 'signatures']],
    ['parentId', (r) => (r.parentId = null), ['parent-id', 'agreement-id']],
    ['sealedDigest', (r) => (r.sealedDigest = bump(r.sealedDigest)), ['record-hash', 'sealed-digest']],
    [
      'a signature',
      (r) => (r.signatures[0].signature = bump(r.signatures[0].signature)),
      [sigA, 'record-hash'],
    ],
    [
      'a signer key',
      (r) => (r.signatures[0].publicKey = r.signatures[1].publicKey),
      [sigA, credA, 'record-hash'],
    ],
    ['signature order', (r) => r.signatures.reverse(), ['signatures', 'record-hash']],
    [
      'recordHash',
      (r) => (r.recordHash = bump(r.recordHash)),
      ['record-hash', 'on-chain-record', 'merkle-proof'],
    ],
    ['anchor.txHash', (r) => (r.anchor.txHash = bump(r.anchor.txHash)), ['on-chain-record']],
    ['anchor.blockNumber', (r) => (r.anchor.blockNumber += 1), ['on-chain-record']],
    ['anchor.blockHash', (r) => (r.anchor.blockHash = bump(r.anchor.blockHash)), ['on-chain-record']],
    ['anchor.logIndex', (r) => (r.anchor.logIndex += 1), ['on-chain-record']],
    [
      'anchor.batchRoot',
      (r) => (r.anchor.batchRoot = bump(r.anchor.batchRoot)),
      ['on-chain-record', 'merkle-proof'],
    ],
    ['a proof step', (r) => (r.anchor.proof[1] = bump(r.anchor.proof[1])), ['merkle-proof']],
    ['a missing proof step', (r) => r.anchor.proof.pop(), ['merkle-proof']],
    ['a malformed signature', (r) => (r.signatures[0].signature = '0x00'), [sigA, 'record-hash']],
  ])('changing %s fails the named checks', (_label, change, expected) => {
    const tampered = clone(receipt);
    change(tampered);
    expect(failed({ ...base, receipt: tampered })).toEqual(expected);
  });

  it('names the commitment when the text or salt changes', () => {
    expect(failed({ ...base, text: `${depositInputs.text} ` })).toEqual(['commitment']);
    expect(failed({ ...base, text: depositInputs.text.replace('€', 'E') })).toEqual(['commitment']);
    expect(failed({ ...base, salt: bump(depositInputs.salt) })).toEqual(['commitment']);
    expect(failed({ ...base, salt: fromHex(depositInputs.salt, 32).subarray(1) })).toEqual(['commitment']);
    expect(failed({ ...base, salt: undefined })).toEqual(['commitment']);
  });

  it('names the sealed digest when any byte of the blob changes', () => {
    for (const at of [0, 4, 10, 40, blob.length - 1]) {
      const copy = blob.slice();
      copy[at] ^= 0x80;
      expect(failed({ ...base, blob: copy })).toEqual(['sealed-digest']);
    }
  });

  it('checks the receipt against the chain, not against itself', () => {
    expect(failed({ ...base, onChainRecords: [] })).toEqual(['on-chain-record']);
    expect(failed({ ...base, onChainRecords: [{ ...record, recordHash: bump(record.recordHash) }] })).toEqual(
      ['on-chain-record'],
    );
    expect(failed({ ...base, blockchainId: base.blockchainId.replace(':31337:', ':1:') })).toEqual([
      'blockchain-id',
      'agreement-id',
    ]);
    expect(failed({ ...base, blockchainId: base.blockchainId.toLowerCase() })).toEqual([
      'blockchain-id',
      'agreement-id',
    ]);
  });

  it('lets the first record stand and flags later duplicates', () => {
    const later: OnChainRecord = {
      ...record,
      recordHash: bump(record.recordHash),
      blockNumber: 2000,
      logIndex: 0,
      txHash: bump(record.txHash),
    };
    const verdict = verifyEvidence({ ...base, onChainRecords: [later, record] });
    expect(verdict.valid).toBe(true);
    expect(verdict.checks.find((c) => c.name === 'duplicate-record')?.detail).toMatch(/1 other record/);
    expect(verdict.warnings.join('\n')).toMatch(/block 2000/);

    // A receipt pointing at a later record loses to the first one, whatever it says.
    const earlier: OnChainRecord = {
      ...record,
      recordHash: bump(record.recordHash),
      blockNumber: 1000,
      txHash: bump(record.txHash),
    };
    // (Bob's credential, issued at block 1234, postdates the standing record, so it fails too.)
    expect(failed({ ...base, onChainRecords: [record, earlier] })).toEqual([
      credB,
      'on-chain-record',
      'duplicate-record',
    ]);
    // Same block: the lower log index stands.
    expect(
      failed({
        ...base,
        onChainRecords: [record, { ...earlier, blockNumber: record.blockNumber, logIndex: 0 }],
      }),
    ).toEqual(['on-chain-record', 'duplicate-record']);
  });

  it('checks credentials: known, same key, issued by and not revoked at the anchor block', () => {
    const withCred = (cred: CredentialKey | undefined) => {
      const keys = new Map(credentialKeys);
      if (cred === undefined) keys.delete(alice.credentialId);
      else keys.set(alice.credentialId, cred);
      return failed({ ...base, credentialKeys: keys });
    };
    expect(withCred(undefined)).toEqual([credA]);
    expect(withCred({ signingKey: bob.publicKey, issuedAtBlock: 1, notAfter: 0 })).toEqual([credA]);
    expect(withCred({ signingKey: alice.publicKey, issuedAtBlock: 1235, notAfter: 0 })).toEqual([credA]);
    expect(
      withCred({ signingKey: alice.publicKey, issuedAtBlock: 1, revokedAtBlock: 1234, notAfter: 0 }),
    ).toEqual([credA]);
    expect(
      withCred({ signingKey: alice.publicKey, issuedAtBlock: 1, revokedAtBlock: 1235, notAfter: 0 }),
    ).toEqual([]);
    expect(
      withCred({
        signingKey: alice.publicKey.toUpperCase().replace('0X', '0x'),
        issuedAtBlock: 1,
        revokedAtBlock: null,
        notAfter: 0,
      }),
    ).toEqual([]);
    // A plain object works as well as a Map.
    expect(failed({ ...base, credentialKeys: Object.fromEntries(credentialKeys) })).toEqual([]);
  });

  it('reports the latest status event; one before the standing record is for an unknown id', () => {
    const statusEvents = [
      { status: 'TERMINATED', blockNumber: 3000, logIndex: 1 },
      { status: 'SHREDDED', blockNumber: 3001, logIndex: 3 },
    ];
    const verdict = verifyEvidence({ ...base, statusEvents });
    expect(verdict.status?.status).toBe('SHREDDED');
    expect(verdict.valid).toBe(true);
    expect(verdict.warnings.join('\n')).toMatch(/TERMINATED at block 3000 is not backed/);
    expect(verifyEvidence(base).status).toBeNull();
    const early = [{ status: 'TERMINATED', blockNumber: 1234, logIndex: 0 }];
    expect(failed({ ...base, statusEvents: early })).toEqual(['status']);
    expect(failed({ ...base, statusEvents: [{ status: 'ACTIVE', blockNumber: 3000, logIndex: 0 }] })).toEqual(
      ['status'],
    );
  });

  it('never throws on garbage fields: the check fails with the reason', () => {
    const tampered = clone(receipt);
    tampered.metadata = { ...tampered.metadata, terms: { x: Number.NaN } };
    tampered.anchor.proof = ['nonsense'];
    const verdict = verifyEvidence({ ...base, receipt: tampered, salt: 'zz', blob: new Uint8Array(3) });
    expect(verdict.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail])).toEqual([
      ['metadata-hash', expect.stringMatching(/finite/)],
      ['merkle-proof', expect.stringMatching(/proof/)],
      ['commitment', expect.stringMatching(/hex/)],
      ['sealed-digest', expect.stringMatching(/too short/)],
    ]);
    expect(toHex(new Uint8Array([1]))).toBe('0x01');
  });
});
