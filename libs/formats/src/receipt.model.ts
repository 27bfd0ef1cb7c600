import { type HexString, isHex } from './bytes.codec';
import { FormatError, FormatErrorCode } from './format.error';
import type { AgreementMetadata } from './metadata.schema';
import type { PartySignature } from './record.hash';

export const RECEIPT_VERSION = 'signet-receipt/1';

/** Where the agreement's record sits on chain, and how its leaf reaches the batch root. */
export interface ReceiptAnchor {
  txHash: HexString;
  blockNumber: number;
  blockHash: HexString;
  logIndex: number;
  batchRoot: HexString;
  proof: HexString[];
}

/**
 * What a party keeps: every preimage of what the chain binds only by hash, so that with
 * the blockchain id and any RPC endpoint a court can verify without Signet.
 */
export interface Receipt {
  version: typeof RECEIPT_VERSION;
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
  signatures: PartySignature[];
  recordHash: HexString;
  /** What the policy packs decided at deposit; the packs are public by hash (policyPack(hash)). */
  policyDecision?: {
    outcome: string;
    reasons: Array<{ code: string; outcome: string; jurisdiction: string | null; rule: string; message: string }>;
    rules: string[];
    packs: Array<{ jurisdiction: string; hash: HexString }>;
  };
  anchor: ReceiptAnchor;
}

export function serialiseReceipt(receipt: Receipt): string {
  return `${JSON.stringify(receipt, null, 2)}\n`;
}

/**
 * Checks the receipt's shape (types, hex widths), not its truth: whether the values agree
 * with each other and with the chain is verifyEvidence's job, reported check by check.
 */
/** Takes the file text or an already parsed JSON value. */
export function parseReceipt(input: unknown): Receipt {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch {
      throw fail('receipt', 'not JSON');
    }
  }
  const r = object(json, 'receipt');
  if (r.version !== RECEIPT_VERSION)
    throw new FormatError(FormatErrorCode.UNSUPPORTED_VERSION, `expected "${RECEIPT_VERSION}"`, 'version');
  if (typeof r.blockchainId !== 'string') throw fail('blockchainId', 'must be a string');
  for (const key of [
    'agreementId',
    'metadataHash',
    'commitment',
    'sealedDigest',
    'nonce',
    'recordHash',
  ] as const)
    hex(r[key], 32, key);
  object(r.metadata, 'metadata');
  list(r.parties, 'parties').forEach((p, i) => hex(p, 32, `parties[${i}]`));
  if (r.parentId !== null) hex(r.parentId, 32, 'parentId');
  list(r.signatures, 'signatures').forEach((s, i) => {
    const sig = object(s, `signatures[${i}]`);
    hex(sig.credentialId, 32, `signatures[${i}].credentialId`);
    hex(sig.publicKey, 32, `signatures[${i}].publicKey`);
    hex(sig.signature, 64, `signatures[${i}].signature`);
  });
  const a = object(r.anchor, 'anchor');
  hex(a.txHash, 32, 'anchor.txHash');
  hex(a.blockHash, 32, 'anchor.blockHash');
  hex(a.batchRoot, 32, 'anchor.batchRoot');
  integer(a.blockNumber, 'anchor.blockNumber');
  integer(a.logIndex, 'anchor.logIndex');
  list(a.proof, 'anchor.proof').forEach((p, i) => hex(p, 32, `anchor.proof[${i}]`));
  return r as unknown as Receipt;
}

function fail(path: string, message: string): FormatError {
  return new FormatError(FormatErrorCode.INVALID_RECEIPT, message, path);
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw fail(path, 'must be a JSON object');
  return value as Record<string, unknown>;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw fail(path, 'must be an array');
  return value;
}

function hex(value: unknown, bytes: number, path: string): void {
  if (!isHex(value, bytes)) throw fail(path, `must be 0x + ${bytes * 2} lower-case hex`);
}

function integer(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw fail(path, 'must be a non-negative integer');
}
