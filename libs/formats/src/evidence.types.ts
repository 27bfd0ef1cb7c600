import type { HexString } from './bytes.codec';
import type { DisclosedMetadata } from './disclosure.codec';
import type { StatusEvidence } from './evidence-bundle.model';
import type { Receipt } from './receipt.model';

/** One `AgreementRecorded(id, batchRoot, recordHash)` log found on chain for the id. */
export interface OnChainRecord {
  recordHash: HexString;
  batchRoot: HexString;
  blockNumber: number;
  logIndex: number;
  txHash: HexString;
  blockHash?: HexString;
}

/** One `AgreementDisclosed(id, metadata)` log for the id: the disclosure bytes and where they sit. */
export interface OnChainDisclosure {
  data: HexString;
  blockNumber: number;
  logIndex: number;
  txHash: HexString;
}

/** A credential as the chain's issue/revoke events describe it. */
export interface CredentialKey {
  signingKey: HexString;
  issuedAtBlock: number;
  revokedAtBlock?: number | null;
  /** `notAfter` of CredentialIssued: unix seconds, 0 for no expiry. */
  notAfter: number;
  /** `documentHash` of CredentialIssued, when the caller read it. */
  documentHash?: HexString;
}

/**
 * The `status` codes of AgreementStatusChanged, as the contract defines them (FORMATS.md,
 * Status events): the one definition the outbox, the chain adapter and the verifiers use.
 */
export const STATUS_CODES = { Amended: 1, Terminated: 2, Shredded: 3 } as const;
export type StatusCode = (typeof STATUS_CODES)[keyof typeof STATUS_CODES];

/** The names of those codes: the one name set used by the verdict, the index and the docs. */
export const STATUS_NAMES: Readonly<Record<number, string>> = {
  [STATUS_CODES.Amended]: 'SUPERSEDED',
  [STATUS_CODES.Terminated]: 'TERMINATED',
  [STATUS_CODES.Shredded]: 'SHREDDED',
};

/** The name of a status code; an unknown code is named, never dropped. */
export function statusName(code: number): string {
  return STATUS_NAMES[code] ?? `STATUS_${code}`;
}

/** One `AgreementStatusChanged(id, status, detail)` log, status by name (FORMATS.md §12). */
export interface StatusEvent {
  status: string;
  blockNumber: number;
  logIndex: number;
  txHash?: HexString;
  detail?: HexString;
}

/**
 * FORMATS.md §12 `confirmations`: the chain head and the depth required (the anchor's own
 * block counts as one), or the block the chain's `finalized` tag names.
 */
export type Finality = { head: number; depth: number } | { finalizedBlock: number };

export interface VerifyEvidenceInput {
  blockchainId: string;
  receipt: Receipt;
  onChainRecords: OnChainRecord[];
  /** Every credential the receipt names (parties, ratifiers, principals, issuer) found on chain. */
  credentialKeys: Map<HexString, CredentialKey> | Record<HexString, CredentialKey>;
  /** Timestamp (unix seconds) of the standing record's block; null when it could not be read. */
  anchorTimestamp: number | null;
  finality: Finality;
  statusEvents?: StatusEvent[];
  /** From an evidence bundle; when given, every TERMINATED and SUPERSEDED event must be backed by it. */
  statusEvidence?: StatusEvidence[];
  /** AgreementRecorded logs of the agreements a SUPERSEDED event names, by id. */
  amendmentRecords?: Map<HexString, OnChainRecord[]>;
  /** AgreementDisclosed logs for the id; needed when the receipt's packs decided public disclosure. */
  disclosures?: OnChainDisclosure[];
  text?: string;
  salt?: Uint8Array | HexString;
  blob?: Uint8Array;
}

export interface EvidenceCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Who answers for a signer: the agent, its principal and their organisation (receipt v2). */
export interface LiabilityLink {
  agent: HexString;
  principal: HexString | null;
  organization: string | null;
}

export interface EvidenceVerdict {
  valid: boolean;
  checks: EvidenceCheck[];
  /** Things a court should know that do not make the evidence invalid. */
  warnings: string[];
  /** The latest status event (by block, then log index), if any were given. */
  status: StatusEvent | null;
  liability: LiabilityLink[];
  /** The public metadata the chain discloses with the record (decoded), or null when none is. */
  disclosed: DisclosedMetadata | null;
}

/** Runs one named check; a thrown error fails it with its message, so no check stops another. */
export class CheckList {
  readonly checks: EvidenceCheck[] = [];
  readonly warnings: string[] = [];

  run(name: string, body: () => string | true, okDetail: string | (() => string)): boolean {
    let result: string | true;
    try {
      result = body();
    } catch (error) {
      result = error instanceof Error ? error.message : String(error);
    }
    const ok = result === true;
    const detail = ok ? (typeof okDetail === 'function' ? okDetail() : okDetail) : (result as string);
    this.checks.push({ name, ok, detail });
    return ok;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }
}
