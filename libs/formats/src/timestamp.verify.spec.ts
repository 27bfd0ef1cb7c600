import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64, toBase64, toHex } from './bytes.codec';
import { checkTimestamp } from './evidence-timestamp.checks';
import { CheckList } from './evidence.types';
import { readTimestampToken, timestampImprint } from './timestamp.token';
import { timestampImprintProblem, verifyTimestampSignature } from './timestamp.verify';

// A fixed token, made once with `openssl ts -reply` (certificates valid until 2126): it is
// external evidence, so it is checked, never regenerated (FORMATS.md §15, §14).
const vector = JSON.parse(readFileSync(join(__dirname, '..', 'test-vectors', 'timestamp.json'), 'utf8')) as {
  inputs: { batchRoot: string; otherBatchRoot: string; token: string; certificates: string[] };
  outputs: {
    hashAlgorithm: string;
    hashedMessage: string;
    genTime: string;
    tsa: string;
    root: string;
    rootFingerprint: string;
  };
};
const { inputs, outputs } = vector;
const token = fromBase64(inputs.token);
const chain = inputs.certificates.map((c) => fromBase64(c));
const failedNames = (list: CheckList) => list.checks.filter((c) => !c.ok).map((c) => c.name);

describe('RFC 3161 timestamps (timestamp.json)', () => {
  it('reads the imprint and genTime the vector states', () => {
    const content = readTimestampToken(token);
    expect(content.hashAlgorithm).toBe(outputs.hashAlgorithm);
    expect(toHex(content.hashedMessage)).toBe(outputs.hashedMessage);
    expect(toHex(timestampImprint(inputs.batchRoot))).toBe(outputs.hashedMessage);
    expect(content.genTime.toISOString()).toBe(outputs.genTime);
    expect(timestampImprintProblem(token, inputs.batchRoot)).toBeNull();
    expect(timestampImprintProblem(token, inputs.otherBatchRoot)).toMatch(/not SHA-256 of the batch root/);
  });

  it('verifies the signature under the chain at genTime, pinned to its root or not', async () => {
    const pinned = await verifyTimestampSignature(token, chain, [chain[1]]);
    expect(pinned).toEqual({ ...outputs, pinned: true, hashAlgorithm: undefined, hashedMessage: undefined });
    expect((await verifyTimestampSignature(token, chain)).pinned).toBe(false);
  });

  it('names the check a wrong root, a changed byte or a missing chain fails', async () => {
    const run = async (
      root: string,
      bytes: Uint8Array,
      certificates = inputs.certificates,
      pin?: Uint8Array[],
    ) => {
      const list = new CheckList();
      await checkTimestamp(list, root, { token: toBase64(bytes), certificates }, pin);
      return list;
    };
    const good = await run(inputs.batchRoot, token);
    expect(failedNames(good)).toEqual([]);
    expect(good.checks.map((c) => c.name)).toEqual(['timestamp-imprint', 'timestamp-signature']);
    expect(good.checks[1].detail).toContain(outputs.genTime);
    expect(good.warnings.join()).toMatch(/--tsa-ca/);

    expect(failedNames(await run(inputs.otherBatchRoot, token))).toEqual(['timestamp-imprint']);
    const tampered = token.slice();
    tampered[tampered.length - 1] ^= 0x01;
    const broken = await run(inputs.batchRoot, tampered);
    expect(failedNames(broken)).toEqual(['timestamp-signature']);
    expect(broken.checks[1].detail).toMatch(/signature/);
    // The genTime digits sit inside the signed TSTInfo: a changed time breaks the signature.
    const at = Buffer.from(token).indexOf(Buffer.from('20261203'));
    const backdated = token.slice();
    backdated[at + 3] = '5'.charCodeAt(0);
    expect(failedNames(await run(inputs.batchRoot, backdated))).toEqual(['timestamp-signature']);
    expect(failedNames(await run(inputs.batchRoot, token, [inputs.certificates[0]]))).toEqual([
      'timestamp-signature',
    ]);
    expect(failedNames(await run(inputs.batchRoot, fromBase64('AAAA')))).toEqual([
      'timestamp-imprint',
      'timestamp-signature',
    ]);
  });
});
