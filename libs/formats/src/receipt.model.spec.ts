import { FormatErrorCode } from './format.error';
import { parseReceipt, serialiseReceipt } from './receipt.model';
import { buildReceipt, depositInputs } from './test-vectors.fixture';
import { caught } from './caught.spec-helper';

const { receipt } = buildReceipt(depositInputs);

describe('receipt JSON', () => {
  it('round-trips', () => {
    expect(parseReceipt(serialiseReceipt(receipt))).toEqual(receipt);
    expect(parseReceipt(JSON.parse(serialiseReceipt(receipt)))).toEqual(receipt);
  });

  it.each<[string, (r: Record<string, unknown>) => void, string, FormatErrorCode?]>([
    [
      'another version',
      (r) => (r.version = 'signet-receipt/3'),
      'version',
      FormatErrorCode.UNSUPPORTED_VERSION,
    ],
    ['a short id', (r) => (r.agreementId = '0x12'), 'agreementId'],
    ['metadata that is not an object', (r) => (r.metadata = 'x'), 'metadata'],
    ['a bad party', (r) => ((r.parties as string[])[1] = 'x'), 'parties[1]'],
    [
      'a 63-byte signature',
      (r) => ((r.signatures as { signature: string }[])[0].signature = `0x${'00'.repeat(63)}`),
      'signatures[0].signature',
    ],
    [
      'a string block number',
      (r) => ((r.anchor as Record<string, unknown>).blockNumber = '12'),
      'anchor.blockNumber',
    ],
    ['a bad proof step', (r) => ((r.anchor as { proof: string[] }).proof[0] = '0x'), 'anchor.proof[0]'],
    ['no anchor', (r) => delete r.anchor, 'anchor'],
    ['an unknown member', (r) => (r.note = 'x'), 'receipt.note'],
    ['a v2 member in a v1 receipt', (r) => (r.deploymentBlock = 1), 'receipt.deploymentBlock'],
    [
      'a scheme in a v1 receipt',
      (r) => ((r.signatures as { scheme?: number }[])[0].scheme = 2),
      'signatures[0].scheme',
    ],
  ])('refuses %s', (_label, change, path, code = FormatErrorCode.INVALID_RECEIPT) => {
    const json = JSON.parse(serialiseReceipt(receipt)) as Record<string, unknown>;
    change(json);
    expect(caught(() => parseReceipt(json))).toMatchObject({ code, path });
  });

  it('refuses text that is not I-JSON', () => {
    expect(caught(() => parseReceipt('{'))).toMatchObject({ code: FormatErrorCode.INVALID_RECEIPT });
    const doubled = serialiseReceipt(receipt).replace('"version"', '"nonce": "0x00",\n  "version"');
    expect(caught(() => parseReceipt(doubled))).toMatchObject({ code: FormatErrorCode.INVALID_RECEIPT });
  });
});
