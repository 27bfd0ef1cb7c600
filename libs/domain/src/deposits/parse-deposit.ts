import {
  FormatError,
  canonicalJson,
  fromBase64,
  isHex,
  metadataHash,
  parseBlob,
  validateMetadata,
  type AgreementMetadata,
} from '@signet/formats';
import { DEPOSIT_LIMITS } from '../agreements/deposit-limits';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import type { DepositCommand } from './deposit-command';

export interface ParsedDeposit {
  metadata: AgreementMetadata;
  canonicalMetadata: string;
  /** Computed once here: the id check and the stored row both need it. */
  metadataHash: string;
  blob: Uint8Array;
}

function badInput(message: string, field: string): DomainError {
  return new DomainError(ErrorCode.BadInput, message, { field });
}

function requireHex32(value: string, field: string): void {
  if (!isHex(value, 32)) throw badInput(`${field} must be 0x followed by 64 lower-case hex digits`, field);
}

/** Shape and size checks: cheap, before any lookup, so a malformed deposit costs nothing. */
export function parseDeposit(command: DepositCommand): ParsedDeposit {
  const key = command.idempotencyKey;
  if (
    key.length === 0 ||
    key.length > DEPOSIT_LIMITS.maxIdempotencyKeyLength ||
    !/^[\x21-\x7e]+$/.test(key)
  ) {
    throw badInput(
      `idempotencyKey must be 1-${DEPOSIT_LIMITS.maxIdempotencyKeyLength} printable ASCII characters`,
      'idempotencyKey',
    );
  }
  requireHex32(command.agreementId, 'agreementId');
  requireHex32(command.commitment, 'commitment');
  requireHex32(command.nonce, 'nonce');
  if (command.metadata.length > DEPOSIT_LIMITS.maxMetadataBytes) {
    throw new DomainError(ErrorCode.TooLarge, `metadata exceeds ${DEPOSIT_LIMITS.maxMetadataBytes} bytes`, {
      field: 'metadata',
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(command.metadata);
  } catch {
    throw badInput('metadata is not valid JSON', 'metadata');
  }
  const validation = validateMetadata(raw);
  if (!validation.ok) {
    throw new DomainError(ErrorCode.InvalidMetadata, validation.errors.map((e) => e.message).join('; '), {
      problems: validation.errors.map((e) => ({ path: e.path ?? null, message: e.message })),
    });
  }
  const metadata = validation.value;
  if (
    metadata.parties.length < DEPOSIT_LIMITS.minParties ||
    metadata.parties.length > DEPOSIT_LIMITS.maxParties
  ) {
    throw badInput(
      `an agreement has ${DEPOSIT_LIMITS.minParties} to ${DEPOSIT_LIMITS.maxParties} parties`,
      'metadata.parties',
    );
  }
  if (metadata.jurisdictions.length > DEPOSIT_LIMITS.maxJurisdictions) {
    throw badInput(`at most ${DEPOSIT_LIMITS.maxJurisdictions} jurisdictions`, 'metadata.jurisdictions');
  }
  if (command.wraps.length === 0 || command.wraps.length > DEPOSIT_LIMITS.maxWraps) {
    throw badInput(`1 to ${DEPOSIT_LIMITS.maxWraps} wraps`, 'wraps');
  }
  for (const [index, wrap] of command.wraps.entries()) {
    requireHex32(wrap.keyId, `wraps[${index}].keyId`);
    if (wrap.box.length === 0 || wrap.box.length > 256)
      throw badInput('a wrap box is a short base64 string', `wraps[${index}].box`);
  }
  if (new Set(command.wraps.map((wrap) => wrap.keyId)).size !== command.wraps.length) {
    throw badInput('a recipient key appears twice in wraps', 'wraps');
  }
  // base64 inflates by 4/3: refuse an oversized blob before decoding it.
  if (command.sealedBlob.length > Math.ceil((DEPOSIT_LIMITS.maxSealedBytes * 4) / 3) + 4) {
    throw new DomainError(
      ErrorCode.TooLarge,
      `the sealed blob exceeds ${DEPOSIT_LIMITS.maxSealedBytes} bytes`,
      {
        field: 'sealedBlob',
      },
    );
  }
  let blob: Uint8Array;
  try {
    blob = fromBase64(command.sealedBlob, 'sealedBlob');
    parseBlob(blob);
  } catch (error) {
    if (error instanceof FormatError)
      throw new DomainError(ErrorCode.InvalidBlob, error.message, { field: 'sealedBlob' });
    throw error;
  }
  for (const [index, signature] of command.signatures.entries()) {
    requireHex32(signature.credentialId, `signatures[${index}].credentialId`);
    if (!isHex(signature.signature, 64)) {
      throw badInput('a signature is 0x followed by 128 hex digits', `signatures[${index}].signature`);
    }
  }
  return { metadata, canonicalMetadata: canonicalJson(metadata), metadataHash: metadataHash(metadata), blob };
}
