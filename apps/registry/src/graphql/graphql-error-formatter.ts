import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { BlobConflictError, DomainError, ErrorCode, InvalidBlobKeyError } from '@signet/domain';
import { FormatError } from '@signet/formats';
import { limitCodeOf, limitMessageOf } from './document-limits';
import { isUnavailable } from './unavailable-error';

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.BadInput,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  429: ErrorCode.RateLimited,
};

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * What a client sees of one request's failures. mercurius wraps a document's validation
 * errors in one error; each is answered on its own, with its own code. A caller without a
 * credential gets no "Did you mean …" suggestions: they would map a schema for it, field by
 * field, which introspection (costed) already offers on purpose.
 */
export function toClientErrors(
  errors: readonly GraphQLError[],
  options: { anonymous: boolean },
): GraphQLFormattedError[] {
  return errors
    .flatMap((error) => {
      const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
      return Array.isArray(inner) && inner.every((each) => each instanceof GraphQLError) ? inner : [error];
    })
    .map(toClientError)
    .map((error) =>
      options.anonymous ? { ...error, message: error.message.replace(SUGGESTION, '') } : error,
    );
}

/**
 * The one place where failures become what a client sees: a domain error keeps its
 * code and message; a document past a limit gets that limit's code; another GraphQL
 * validation or parse error becomes BAD_INPUT; a database, object store, chain endpoint
 * or disk that is down or full is UNAVAILABLE; anything else is INTERNAL with no stack
 * trace or internals in it.
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
  const limit = limitCodeOf(error.message);
  if (limit) return { ...base, message: limitMessageOf(limit, error.message), extensions: { code: limit } };
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
  const special = FRAMEWORK_REFUSALS[code];
  if (special) return { message: special.message ?? message, extensions: { code: special.code } };
  return { message, extensions: { code: ErrorCode.BadInput } };
}

const FRAMEWORK_REFUSALS: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: ErrorCode.TooLarge },
  // No form or multipart parser is registered: a browser can post those cross-site (CSRF).
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: ErrorCode.UnsupportedMediaType,
    message:
      'send GraphQL as application/json (or GET ?query= for a query); form and multipart bodies are refused',
  },
  MER_ERR_METHOD_NOT_ALLOWED: {
    code: ErrorCode.MethodNotAllowed,
    message: 'a mutation is never run over GET: POST it as application/json',
  },
};

function isValidationFailure(error: Error): boolean {
  return error.name === 'ValidationError' || error.name === 'BadRequestException';
}
