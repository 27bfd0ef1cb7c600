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
const hash = `0x${'22'.repeat(32)}`;
const bundle: EvidenceBundle = {
  version: BUNDLE_VERSION,
  receipt,
  statusEvidence: [
    { status: 'TERMINATED', signatures: v1.signatures },
    { status: 'SUPERSEDED', receipt: v1 },
  ],
  timestamp: { token: 'MIIB', certificates: ['MIIC'] },
  auditCheckpoint: {
    sequence: 2,
    head: hash,
    txHash: hash,
    blockNumber: 3,
    links: [{ seq: 2, prevHash: hash, hash, agreementTag: hash, fieldsHash: hash }],
    events: [
      {
        seq: 2,
        at: '2026-01-01T00:00:00.000Z',
        action: 'agreement.deposit',
        actorId: null,
        actorRole: null,
        agreementId: v1.agreementId,
        subjectId: null,
        purpose: null,
        detail: {},
      },
    ],
  },
};

/** The parsed file as a test edits it: any member may be changed, added or removed. */
interface Loose {
  version: string;
  timestamps?: unknown;
  receipt: Partial<Receipt> | Receipt;
  statusEvidence: Array<{ status: string; signatures: { signature: string }[]; receipt: { nonce: string } }>;
  timestamp?: { token: unknown; certificates: unknown };
  auditCheckpoint?: { links: Array<Record<string, unknown>>; events: Array<Record<string, unknown>> };
}

describe('evidence bundle JSON (FORMATS.md §11)', () => {
  it('round-trips', () => {
    expect(parseBundle(serialiseBundle(bundle))).toEqual(bundle);
  });

  it('round-trips without the optional timestamp and audit checkpoint', () => {
    const { timestamp: _t, auditCheckpoint: _a, ...bare } = bundle;
    expect(parseBundle(serialiseBundle(bare))).toEqual(bare);
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
    [
      'a token that is not base64',
      (b) => (b.timestamp!.token = 'not base64!'),
      'timestamp.token',
      FormatErrorCode.INVALID_BASE64,
    ],
    ['a chain that is not a list', (b) => (b.timestamp!.certificates = 'MIIC'), 'timestamp.certificates'],
    [
      'an unknown timestamp member',
      (b) => ((b.timestamp as Record<string, unknown>).genTime = 'now'),
      'timestamp.genTime',
    ],
    [
      'a link with a short hash',
      (b) => (b.auditCheckpoint!.links[0].hash = '0x00'),
      'auditCheckpoint.links[0].hash',
    ],
    [
      'an event without its purpose',
      (b) => delete b.auditCheckpoint!.events[0].purpose,
      'auditCheckpoint.events[0].purpose',
    ],
    [
      'an event with an unknown member',
      (b) => (b.auditCheckpoint!.events[0].note = 'x'),
      'auditCheckpoint.events[0].note',
    ],
  ])('refuses %s', (_label, change, path, code = FormatErrorCode.INVALID_RECEIPT) => {
    const json = JSON.parse(serialiseBundle(bundle)) as Loose;
    change(json);
    expect(caught(() => parseBundle(JSON.stringify(json)))).toMatchObject({ code, path });
  });
});
