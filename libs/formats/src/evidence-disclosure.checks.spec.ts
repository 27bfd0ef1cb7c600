import { encodeDisclosure } from './disclosure.codec';
import { type OnChainDisclosure, type VerifyEvidenceInput, verifyEvidence } from './evidence.verifier';
import type { Receipt } from './receipt.model';
import { buildReceipt, depositInputs } from './test-vectors.fixture';

const { receipt: hashed } = buildReceipt(depositInputs);
const receipt: Receipt = {
  ...hashed,
  policyDecision: { outcome: 'allow', reasons: [], rules: [], packs: [], disclosure: 'public' },
};
const record = { ...receipt.anchor, recordHash: receipt.recordHash };
const keys = Object.fromEntries(
  receipt.signatures.map((s) => [s.credentialId, { signingKey: s.publicKey, issuedAtBlock: 1, notAfter: 0 }]),
);
const onChain = (metadata = receipt.metadata, txHash = receipt.anchor.txHash): OnChainDisclosure => ({
  data: encodeDisclosure(metadata),
  blockNumber: receipt.anchor.blockNumber,
  logIndex: 9,
  txHash,
});
const input = (over: Partial<VerifyEvidenceInput>): VerifyEvidenceInput => ({
  blockchainId: receipt.blockchainId,
  receipt,
  onChainRecords: [record],
  credentialKeys: keys,
  anchorTimestamp: 1_900_000_000,
  finality: { head: 1235, depth: 2 },
  disclosures: [onChain()],
  ...over,
});
const check = (over: Partial<VerifyEvidenceInput>) => {
  const verdict = verifyEvidence(input(over));
  return { verdict, disclosure: verdict.checks.find((c) => c.name === 'disclosure') };
};

describe('the disclosure check', () => {
  it('passes when the record’s transaction discloses exactly the receipt’s metadata, and shows it', () => {
    const { verdict, disclosure } = check({});
    expect(disclosure).toMatchObject({ ok: true });
    expect(disclosure?.detail).toContain(`type ${receipt.metadata.type}`);
    expect(verdict.valid).toBe(true);
    expect(verdict.disclosed).toMatchObject({
      type: receipt.metadata.type,
      parties: receipt.metadata.parties,
    });
  });

  it('fails when the packs decided public and nothing is disclosed with the record', () => {
    expect(check({ disclosures: [] }).disclosure).toMatchObject({ ok: false });
    expect(check({ disclosures: undefined }).disclosure?.detail).toMatch(/not read/);
    const elsewhere = check({ disclosures: [onChain(receipt.metadata, `0x${'ab'.repeat(32)}`)] });
    expect(elsewhere.disclosure).toMatchObject({ ok: false });
    expect(elsewhere.verdict.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/outside/)]));
  });

  it('fails naming the field when the chain discloses other metadata than the receipt holds', () => {
    const other = { ...receipt.metadata, expiresAt: '2099-01-01' };
    const { disclosure } = check({ disclosures: [onChain(other)] });
    expect(disclosure).toMatchObject({ ok: false });
    expect(disclosure?.detail).toMatch(/in: expiresAt$/);
    expect(check({ disclosures: [{ ...onChain(), data: '0x01ff' }] }).disclosure).toMatchObject({
      ok: false,
    });
  });

  it('is not run for a hashed receipt with nothing disclosed, and runs when the chain discloses anyway', () => {
    const plain = check({ receipt: hashed, disclosures: [] });
    expect(plain.disclosure).toBeUndefined();
    expect(plain.verdict.disclosed).toBeNull();
    const anyway = check({ receipt: hashed, disclosures: [onChain({ ...hashed.metadata, type: 'other' })] });
    expect(anyway.disclosure).toMatchObject({ ok: false });
  });
});
