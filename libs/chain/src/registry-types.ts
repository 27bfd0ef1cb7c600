/** 32-byte values travel as 0x-prefixed lower-case hex (docs/DECISIONS.md). */
export type Bytes32 = string;

import { STATUS_CODES, type StatusCode } from '@signet/formats';

/** Status codes of AgreementStatusChanged, as the contract defines them (one definition, in formats). */
export const AgreementStatus = STATUS_CODES;
export type AgreementStatusCode = StatusCode;

/** Where a log sits on chain; blockHash lets callers notice a reorg. */
export interface LogPosition {
  blockNumber: number;
  blockHash: string;
  txHash: string;
  logIndex: number;
}

export interface AgreementRecordLog extends LogPosition {
  id: Bytes32;
  batchRoot: Bytes32;
  recordHash: Bytes32;
}

/** AgreementDisclosed: the public metadata bytes of a disclosed agreement (docs/FORMATS.md). */
export interface AgreementDisclosedLog extends LogPosition {
  id: Bytes32;
  /** 0x hex of the disclosure bytes (the event's `metadata`). */
  data: string;
}

export interface BatchRecordLog extends LogPosition {
  batchRoot: Bytes32;
  count: number;
}

export interface StatusEventLog extends LogPosition {
  id: Bytes32;
  status: AgreementStatusCode;
  /** AMENDED: superseding id; TERMINATED: termination document hash; SHREDDED: free. */
  detail: Bytes32;
}

export interface CredentialInput {
  credentialId: Bytes32;
  /** Ed25519 public key. */
  signingKey: Bytes32;
  /** X25519 public key. */
  boxKey: Bytes32;
  documentHash: Bytes32;
  /** Unix seconds. */
  notAfter: bigint;
}

export type CredentialEventLog =
  | (LogPosition & CredentialInput & { kind: 'issued' })
  | (LogPosition & { kind: 'revoked'; credentialId: Bytes32; reasonHash: Bytes32 });

export interface AuditCheckpointLog extends LogPosition {
  sequence: bigint;
  head: Bytes32;
}

/** A revert decoded against the registry ABI (its custom errors and AccessControl's). */
export interface RegistryRevert {
  name: string;
  args: unknown[];
}
