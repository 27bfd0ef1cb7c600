import { STATUS_CODES, type StatusCode } from '@signet/formats';
/**
 * What the chain writer anchors, one outbox row each. `subjectId` is the 0x 32-byte id
 * the chain event is indexed by.
 */
export type OutboxWork =
  | { kind: 'agreement'; subjectId: string; payload: { recordHash: string } }
  | {
      kind: 'credential_issue';
      subjectId: string;
      payload: { signingKey: string; boxKey: string; documentHash: string; notAfter: number };
    }
  | { kind: 'credential_revoke'; subjectId: string; payload: { reasonHash: string } }
  | { kind: 'status'; subjectId: string; payload: { status: AgreementStatusEvent; detail: string } }
  | { kind: 'audit_checkpoint'; subjectId: string; payload: { sequence: number; head: string } }
  /** subjectId: the pack hash; jurisdiction: its code as ASCII right-padded to bytes32. */
  | { kind: 'policy_activation'; subjectId: string; payload: { jurisdiction: string } };

export type OutboxKind = OutboxWork['kind'];

/** Codes of the contract's AgreementStatusChanged event (defined once, in @signet/formats). */
export const AgreementStatusEvent = STATUS_CODES;
export type AgreementStatusEvent = StatusCode;
