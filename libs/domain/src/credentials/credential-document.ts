import {
  canonicalJson,
  isHex,
  isJurisdictionCode,
  keccak256Hex,
  utf8,
  type MandateLimits,
} from '@signet/formats';
import { ROLES, type Role } from '../access/caller';
import { isDecimalAmount } from '../agreements/decimal-amount';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

export const CREDENTIAL_DOCUMENT_VERSION = 'signet-credential/1';
/** Domain-separates credential ids from every other keccak256 in Signet (FORMATS.md, Credentials). */
export const CREDENTIAL_ID_DOMAIN = 'signet:credential:v1';

/** What an agent may bind without its principal; null fields do not limit (the mandate rule of @signet/formats). */
export type CredentialMandate = MandateLimits;

/**
 * The document the operator signs. Its canonical JSON (RFC 8785) is stored verbatim, its
 * hash goes on chain, so a court can recompute the id from the document alone.
 */
export interface CredentialDocument {
  version: typeof CREDENTIAL_DOCUMENT_VERSION;
  /** `eip155:<chainId>:<registry address>`: a credential is valid in one registry only. */
  registry: string;
  role: Role;
  organization: string | null;
  signingKey: string;
  boxKey: string;
  jurisdictions: string[];
  principal: string | null;
  mandate: CredentialMandate | null;
  /** The Ed25519 key of the issuer (the operator); the operator's own credential names itself. */
  issuer: string;
  issuedAt: string;
  expiresAt: string | null;
}

export interface SealedCredentialDocument {
  document: CredentialDocument;
  canonical: string;
  /** keccak256(domain ‖ canonical): the credential id, what the chain indexes. */
  id: string;
  /** keccak256(canonical): the document hash the chain event carries. */
  documentHash: string;
}

const CURRENCY = /^[A-Z]{3}$/;

/** Canonicalises, hashes and checks a document; throws BAD_INPUT naming the field at fault. */
export function sealCredentialDocument(document: CredentialDocument): SealedCredentialDocument {
  checkCredentialDocument(document);
  const canonical = canonicalJson(document);
  return {
    document,
    canonical,
    id: keccak256Hex(utf8(CREDENTIAL_ID_DOMAIN), utf8(canonical)),
    documentHash: keccak256Hex(utf8(canonical)),
  };
}

/** The id of a stored canonical document, for anyone re-checking it. */
export function credentialIdOf(canonical: string): string {
  return keccak256Hex(utf8(CREDENTIAL_ID_DOMAIN), utf8(canonical));
}

/** `notAfter` of the chain event: unix seconds, 0 for a credential that does not expire. */
export function credentialNotAfter(document: Pick<CredentialDocument, 'expiresAt'>): number {
  return document.expiresAt === null ? 0 : Math.floor(Date.parse(document.expiresAt) / 1000);
}

function checkCredentialDocument(doc: CredentialDocument): void {
  const bad = (field: string, message: string): never => {
    throw new DomainError(ErrorCode.BadInput, `${field}: ${message}`, { field });
  };
  if (!ROLES.includes(doc.role)) bad('role', `must be one of ${ROLES.join(', ')}`);
  if (!isHex(doc.signingKey, 32)) bad('signingKey', 'must be 0x + 64 lower-case hex (Ed25519 public key)');
  if (!isHex(doc.boxKey, 32)) bad('boxKey', 'must be 0x + 64 lower-case hex (X25519 public key)');
  if (!isHex(doc.issuer, 32)) bad('issuer', 'must be 0x + 64 lower-case hex');
  for (const code of doc.jurisdictions)
    if (!isJurisdictionCode(code)) bad('jurisdictions', `"${code}" is not a jurisdiction code`);
  if (Number.isNaN(Date.parse(doc.issuedAt))) bad('issuedAt', 'must be an ISO 8601 time');
  if (doc.expiresAt !== null) {
    if (Number.isNaN(Date.parse(doc.expiresAt))) bad('expiresAt', 'must be an ISO 8601 time');
    if (Date.parse(doc.expiresAt) <= Date.parse(doc.issuedAt)) bad('expiresAt', 'must be after issuedAt');
  }
  if (doc.role !== 'operator' && doc.organization === null) bad('organization', 'is required');
  if (doc.role === 'regulator' && doc.jurisdictions.length === 0) {
    bad('jurisdictions', 'a regulator supervises at least one jurisdiction');
  }
  if (doc.role === 'agent') {
    if (doc.principal === null || !isHex(doc.principal, 32))
      bad('principal', 'an agent needs the credential id of its principal');
    if (doc.mandate === null) bad('mandate', 'an agent needs a mandate');
  } else {
    if (doc.principal !== null) bad('principal', 'only an agent has a principal');
    if (doc.mandate !== null) bad('mandate', 'only an agent has a mandate');
  }
  if (doc.mandate) checkMandate(doc.mandate, bad);
}

function checkMandate(mandate: CredentialMandate, bad: (field: string, message: string) => never): void {
  if ((mandate.maxValue === null) !== (mandate.currency === null)) {
    bad('mandate', 'maxValue and currency go together');
  }
  if (mandate.maxValue !== null && !isDecimalAmount(mandate.maxValue)) {
    bad('mandate.maxValue', 'must be a decimal amount such as "250000" or "99.50"');
  }
  if (mandate.currency !== null && !CURRENCY.test(mandate.currency))
    bad('mandate.currency', 'must be an ISO 4217 code');
  for (const code of mandate.jurisdictions ?? []) {
    if (!isJurisdictionCode(code)) bad('mandate.jurisdictions', `"${code}" is not a jurisdiction code`);
  }
  for (const type of mandate.types ?? []) {
    if (type.trim() === '' || type.length > 64) bad('mandate.types', 'each type is 1 to 64 characters');
  }
}
