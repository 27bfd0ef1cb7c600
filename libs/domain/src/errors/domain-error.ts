import { ErrorCode } from './error-code';

/** A refusal with a stable code; mapped once to GraphQL/HTTP at the edge. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
