import type { DomainError } from '../errors/domain-error';

/** A deposit as it arrives: everything a party computed and signed on its side. */
export interface DepositCommand {
  /** The metadata as JSON text; it is canonicalised (RFC 8785) before hashing. */
  metadata: string;
  agreementId: string;
  commitment: string;
  nonce: string;
  /** base64 of the sealed blob. */
  sealedBlob: string;
  wraps: Array<{ keyId: string; box: string }>;
  signatures: Array<{ credentialId: string; signature: string }>;
  idempotencyKey: string;
}

export interface DepositOutcome {
  agreementId: string;
  blockchainId: string;
  status: string;
  /** True when this answer repeats an earlier deposit with the same idempotency key. */
  replayed: boolean;
}

/** One deposit's answer within a batch: its outcome, or its own refusal. */
export type DepositItemResult = { outcome: DepositOutcome } | { error: DomainError };
