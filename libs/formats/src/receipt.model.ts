import { type HexString } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import { parseIJson } from './ijson.codec';
import type { AgreementMetadata } from './metadata.schema';
import type { SignatureScheme } from './party-signature';
import type { PartySignature } from './record.hash';
import { shape } from './receipt.shape';

export const RECEIPT_VERSION = 'signet-receipt/1';
export const RECEIPT_V2_VERSION = 'signet-receipt/2';
export type ReceiptVersion = typeof RECEIPT_VERSION | typeof RECEIPT_V2_VERSION;

/** Where the agreement's record sits on chain, and how its leaf reaches the batch root. */
export interface ReceiptAnchor {
  txHash: HexString;
  blockNumber: number;
  blockHash: HexString;
  logIndex: number;
  batchRoot: HexString;
  proof: HexString[];
}

/** A party's signature; `scheme` (FORMATS.md §5) is 1 when absent, as in every v1 receipt. */
export interface ReceiptSignature extends PartySignature {
  scheme?: SignatureScheme;
}

/** A credential document exactly as issued (canonical JSON text) and the issuer's signature of its id. */
export interface CredentialEvidence {
  document: string;
  issuerSignature: HexString;
}

/**
 * What a party keeps: every preimage of what the chain binds only by hash, so that with
 * the blockchain id and any RPC endpoint a court can verify without Signet. Version 2 adds
 * what signing authority needs offline: the credential documents, the ratifications and
 * where the registry's logs start.
 */
export interface Receipt {
  version: ReceiptVersion;
  blockchainId: string;
  agreementId: HexString;
  metadata: AgreementMetadata;
  /** Redundant with `metadata`, kept so that a changed metadata byte fails `metadata-hash`, not only `agreement-id`. */
  metadataHash: HexString;
  commitment: HexString;
  sealedDigest: HexString;
  parties: HexString[];
  parentId: HexString | null;
  nonce: HexString;
  signatures: ReceiptSignature[];
  recordHash: HexString;
  /** What the policy packs decided at deposit; the packs are public by hash (policyPack(hash)). */
  policyDecision?: {
    outcome: string;
    reasons: Array<{
      code: string;
      outcome: string;
      jurisdiction: string | null;
      rule: string;
      message: string;
    }>;
    rules: string[];
    packs: Array<{ jurisdiction: string; hash: HexString }>;
    /** `public` when a pack put the metadata on chain (AgreementDisclosed); absent means hashed. */
    disclosure?: 'public' | 'hashed';
  };
  anchor: ReceiptAnchor;
  /** v2: the registry's deployment block, where a verifier starts reading logs. */
  deploymentBlock?: number;
  /** v2: the parties', their principals', the ratifiers' and the issuer's credential documents. */
  credentials?: CredentialEvidence[];
  /** v2: principals' Ed25519 signatures over the 32 id bytes, for deals beyond a mandate. */
  ratifications?: PartySignature[];
}

export function serialiseReceipt(receipt: Receipt): string {
  return `${JSON.stringify(receipt, null, 2)}\n`;
}

/**
 * Checks the receipt's shape (I-JSON, types, hex widths, no unknown members), not its
 * truth: whether the values agree with each other and with the chain is verifyEvidence's
 * job, reported check by check. Takes the file text or an already parsed JSON value.
 */
export function parseReceipt(input: unknown, path = ''): Receipt {
  const json = typeof input === 'string' ? readJson(input) : input;
  const at = (member: string) => (path === '' ? member : `${path}.${member}`);
  const r = shape.object(json, path || 'receipt');
  if (r.version !== RECEIPT_VERSION && r.version !== RECEIPT_V2_VERSION)
    throw new FormatError(
      FormatErrorCode.UNSUPPORTED_VERSION,
      `expected "${RECEIPT_VERSION}" or "${RECEIPT_V2_VERSION}"`,
      at('version'),
    );
  const v2 = r.version === RECEIPT_V2_VERSION;
  shape.members(r, [...V1_MEMBERS, ...(v2 ? V2_MEMBERS : [])], path || 'receipt');
  if (typeof r.blockchainId !== 'string') throw shape.fail(at('blockchainId'), 'must be a string');
  for (const key of ['agreementId', 'metadataHash', 'commitment', 'sealedDigest', 'nonce', 'recordHash'])
    shape.hex(r[key], 32, at(key));
  shape.object(r.metadata, at('metadata'));
  shape.list(r.parties, at('parties')).forEach((p, i) => shape.hex(p, 32, at(`parties[${i}]`)));
  if (r.parentId !== null) shape.hex(r.parentId, 32, at('parentId'));
  shape.list(r.signatures, at('signatures')).forEach((s, i) => {
    const where = at(`signatures[${i}]`);
    const sig = shape.signature(s, where, v2 ? ['scheme'] : []);
    if (v2 && sig.scheme !== 1 && sig.scheme !== 2) throw shape.fail(`${where}.scheme`, 'must be 1 or 2');
  });
  const a = shape.object(r.anchor, at('anchor'));
  shape.members(a, ['txHash', 'blockNumber', 'blockHash', 'logIndex', 'batchRoot', 'proof'], at('anchor'));
  for (const key of ['txHash', 'blockHash', 'batchRoot']) shape.hex(a[key], 32, at(`anchor.${key}`));
  shape.integer(a.blockNumber, at('anchor.blockNumber'));
  shape.integer(a.logIndex, at('anchor.logIndex'));
  shape.list(a.proof, at('anchor.proof')).forEach((p, i) => shape.hex(p, 32, at(`anchor.proof[${i}]`)));
  if (v2) {
    shape.integer(r.deploymentBlock, at('deploymentBlock'));
    shape.list(r.credentials, at('credentials')).forEach((c, i) => {
      const credential = shape.object(c, at(`credentials[${i}]`));
      shape.members(credential, ['document', 'issuerSignature'], at(`credentials[${i}]`));
      if (typeof credential.document !== 'string')
        throw shape.fail(at(`credentials[${i}].document`), 'must be the canonical JSON text');
      shape.hex(credential.issuerSignature, 64, at(`credentials[${i}].issuerSignature`));
    });
    shape
      .list(r.ratifications, at('ratifications'))
      .forEach((s, i) => shape.signature(s, at(`ratifications[${i}]`), []));
    if (r.policyDecision !== undefined) checkPolicyDecision(r.policyDecision, at('policyDecision'));
  }
  return r as unknown as Receipt;
}

/** The policy packs' decision, informative (not bound by the record hash): its shape only. */
function checkPolicyDecision(value: unknown, where: string): void {
  const d = shape.object(value, where);
  shape.members(d, ['outcome', 'reasons', 'rules', 'packs', 'disclosure'], where);
  if (typeof d.outcome !== 'string') throw shape.fail(`${where}.outcome`, 'must be a string');
  if (d.disclosure !== undefined && d.disclosure !== 'public' && d.disclosure !== 'hashed')
    throw shape.fail(`${where}.disclosure`, 'must be "public" or "hashed"');
  shape
    .list(d.reasons, `${where}.reasons`)
    .forEach((reason, i) => shape.object(reason, `${where}.reasons[${i}]`));
  shape.list(d.rules, `${where}.rules`).forEach((rule, i) => {
    if (typeof rule !== 'string') throw shape.fail(`${where}.rules[${i}]`, 'must be a string');
  });
  shape.list(d.packs, `${where}.packs`).forEach((pack, i) => {
    const p = shape.object(pack, `${where}.packs[${i}]`);
    shape.members(p, ['jurisdiction', 'hash'], `${where}.packs[${i}]`);
    shape.hex(p.hash, 32, `${where}.packs[${i}].hash`);
  });
}

const V1_MEMBERS = [
  'version',
  'blockchainId',
  'agreementId',
  'metadata',
  'metadataHash',
  'commitment',
  'sealedDigest',
  'parties',
  'parentId',
  'nonce',
  'signatures',
  'recordHash',
  'anchor',
];
const V2_MEMBERS = ['deploymentBlock', 'credentials', 'ratifications', 'policyDecision'];

function readJson(text: string): unknown {
  try {
    return parseIJson(text, 'receipt');
  } catch (error) {
    throw shape.fail('receipt', (error as Error).message);
  }
}
