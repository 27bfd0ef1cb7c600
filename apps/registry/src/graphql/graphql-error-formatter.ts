import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { BlobConflictError, DomainError, ErrorCode, InvalidBlobKeyError } from '@signet/domain';
import { FormatError } from '@signet/formats';
import { isUnavailable } from './unavailable-error';

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.BadInput,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  429: ErrorCode.RateLimited,
};

/**
 * The one place where failures become what a client sees: a domain error keeps its
 * code and message; a GraphQL validation or parse error becomes BAD_INPUT; a database,
 * object store, chain endpoint or disk that is down or full is UNAVAILABLE; anything
 * else is INTERNAL with no stack trace or internals in it.
 */
export function toClientError(error: GraphQLError): GraphQLFormattedError {
  const original: Error | undefined = error.originalError;
  const base = { message: error.message, locations: error.locations, path: error.path };
  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, ...(original.details ?? {}) },
    };
  }
  if (original instanceof FormatError || original instanceof InvalidBlobKeyError) {
    return { ...base, message: original.message, extensions: { code: original.code } };
  }
  if (original instanceof BlobConflictError) {
    return { ...base, message: original.message, extensions: { code: ErrorCode.Conflict } };
  }
  // Nest's own exceptions (a library guard's 401/403/429) keep their meaning as a code.
  if (original instanceof HttpException && HTTP_STATUS_CODES[original.getStatus()]) {
    return {
      ...base,
      message: original.message,
      extensions: { code: HTTP_STATUS_CODES[original.getStatus()] },
    };
  }
  const existing = error.extensions?.code;
  if (typeof existing === 'string' && /^[A-Z_]+$/.test(existing) && existing !== 'INTERNAL_SERVER_ERROR') {
    return { ...base, extensions: { code: existing } };
  }
  if (!original || original instanceof GraphQLError || isValidationFailure(original)) {
    return { ...base, extensions: { code: ErrorCode.BadInput } };
  }
  const refused = requestRefusal(original);
  if (refused) return { ...base, ...refused };
  if (isUnavailable(original)) {
    return {
      ...base,
      message:
        'a part of the service is unavailable; send the same request again later (its idempotency key makes that safe)',
      extensions: { code: ErrorCode.Unavailable },
    };
  }
  return { ...base, message: 'Internal error', extensions: { code: ErrorCode.Internal } };
}

interface FrameworkError {
  code?: unknown;
  statusCode?: number;
  errors?: Array<{ message: string }>;
}

/**
 * What fastify and mercurius refuse before any resolver runs (a body that is not JSON, too
 * large, a query that does not parse or validate, or is too deep) is the client's mistake:
 * it says so, with the validation messages, instead of passing for a server fault.
 */
function requestRefusal(error: Error): Pick<GraphQLFormattedError, 'message' | 'extensions'> | null {
  const { code, statusCode, errors } = error as FrameworkError;
  if (typeof code !== 'string' || !/^(FST_|MER_)/.test(code) || (statusCode ?? 400) >= 500) return null;
  const message = errors?.length ? errors.map((inner) => inner.message).join('; ') : error.message;
  const tooLarge = code === 'FST_ERR_CTP_BODY_TOO_LARGE';
  return { message, extensions: { code: tooLarge ? ErrorCode.TooLarge : ErrorCode.BadInput } };
}

function isValidationFailure(error: Error): boolean {
  return error.name === 'ValidationError' || error.name === 'BadRequestException';
}
