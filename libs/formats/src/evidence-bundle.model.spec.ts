import { caught } from './caught.spec-helper';
import { BUNDLE_VERSION, parseBundle, serialiseBundle, type EvidenceBundle } from './evidence-bundle.model';
import { FormatErrorCode } from './format.error';
import { RECEIPT_V2_VERSION, type Receipt } from './receipt.model';
import { buildReceipt, depositInputs } from './test-vectors.fixture';

const v1 = buildReceipt(depositInputs).receipt;
const receipt: Receipt = {
  ...v1,
  version: RECEIPT_V2_VERSION,
  signatures: v1.signatures.map((s) => ({ ...s, scheme: 1 })),
  deploymentBlock: 7,
  credentials: [{ document: '{"role":"agent"}', issuerSignature: `0x${'11'.repeat(64)}` }],
  ratifications: [],
};
const bundle: EvidenceBundle = {
  version: BUNDLE_VERSION,
  receipt,
  statusEvidence: [
    { status: 'TERMINATED', signatures: v1.signatures },
    { status: 'SUPERSEDED', receipt: v1 },
  ],
};

/** The parsed file as a test edits it: any member may be changed, added or removed. */
interface Loose {
  version: string;
  timestamps?: unknown;
  receipt: Partial<Receipt> | Receipt;
  statusEvidence: Array<{ status: string; signatures: { signature: string }[]; receipt: { nonce: string } }>;
}

describe('evidence bundle JSON (FORMATS.md §11)', () => {
  it('round-trips', () => {
    expect(parseBundle(serialiseBundle(bundle))).toEqual(bundle);
  });

  it.each<[string, (b: Loose) => void, string, FormatErrorCode?]>([
    [
      'another version',
      (b) => (b.version = 'signet-evidence/2'),
      'version',
      FormatErrorCode.UNSUPPORTED_VERSION,
    ],
    ['a v1 receipt', (b) => (b.receipt = v1), 'receipt.version'],
    ['an unknown member', (b) => (b.timestamps = []), 'bundle.timestamps'],
    ['a receipt without its documents', (b) => delete b.receipt.credentials, 'receipt.credentials'],
    ['an unknown status', (b) => (b.statusEvidence[0].status = 'AMENDED'), 'statusEvidence[0].status'],
    [
      'a short termination signature',
      (b) => (b.statusEvidence[0].signatures[0].signature = '0x00'),
      'statusEvidence[0].signatures[0].signature',
    ],
    [
      'a broken superseding receipt',
      (b) => (b.statusEvidence[1].receipt.nonce = '0x'),
      'statusEvidence[1].receipt.nonce',
    ],
  ])('refuses %s', (_label, change, path, code = FormatErrorCode.INVALID_RECEIPT) => {
    const json = JSON.parse(serialiseBundle(bundle)) as Loose;
    change(json);
    expect(caught(() => parseBundle(JSON.stringify(json)))).toMatchObject({ code, path });
  });
});
