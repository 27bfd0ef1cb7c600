/**
 * Every refusal Signet makes, as a stable code. Clients branch on these, so a code is
 * never renamed or reused; new refusals get new codes.
 */
export enum ErrorCode {
  BadInput = 'BAD_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  RateLimited = 'RATE_LIMITED',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  ChallengeInvalid = 'CHALLENGE_INVALID',
  CredentialRevoked = 'CREDENTIAL_REVOKED',
  CredentialExpired = 'CREDENTIAL_EXPIRED',
  CredentialUnknown = 'CREDENTIAL_UNKNOWN',
  OrganizationUnknown = 'ORGANIZATION_UNKNOWN',
  OrganizationExists = 'ORGANIZATION_EXISTS',
  KeyInUse = 'KEY_IN_USE',
  InvalidSignature = 'INVALID_SIGNATURE',
  MissingSignature = 'MISSING_SIGNATURE',
  PartyNotLive = 'PARTY_NOT_LIVE',
  AgreementIdMismatch = 'AGREEMENT_ID_MISMATCH',
  MissingRecipient = 'MISSING_RECIPIENT',
  ParentUnknown = 'PARENT_UNKNOWN',
  ParentNotInForce = 'PARENT_NOT_IN_FORCE',
  ParentPartiesMismatch = 'PARENT_PARTIES_MISMATCH',
  TooLarge = 'TOO_LARGE',
  IdempotencyConflict = 'IDEMPOTENCY_CONFLICT',
  InvalidState = 'INVALID_STATE',
  PurposeRequired = 'PURPOSE_REQUIRED',
  NotARecipient = 'NOT_A_RECIPIENT',
  Unavailable = 'UNAVAILABLE',
  Internal = 'INTERNAL',
}
