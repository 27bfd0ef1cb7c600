import { S3ServiceException } from '@aws-sdk/client-s3';

/**
 * An S3 request answered with a status its caller does not accept, after the SDK's retries.
 * The adapter's own error, so that callers (the API's error mapping, tests) need not know the
 * SDK's exception classes. Never carries credentials.
 */
export class S3RequestError extends Error {
  constructor(
    readonly status: number,
    /** S3's error code (`NoSuchBucket`, `SignatureDoesNotMatch`, …), if the endpoint sent one. */
    readonly s3Code: string | undefined,
    what: string,
    s3Message: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `S3 ${what} failed: HTTP ${status} ${s3Code ?? 'without an error code'}${s3Message ? `: ${s3Message}` : ''}`,
      options,
    );
    this.name = 'S3RequestError';
  }
}

/** Names the SDK gives an error when the endpoint's body named none (not S3 XML, or empty). */
const NAMELESS = new Set(['S3ServiceException', 'Unknown', 'UnknownError', 'Error']);

/**
 * The SDK's service exception for `what` as an S3RequestError; anything else (a timeout, a
 * refused connection, a bug) unchanged, since it is not an answer from S3.
 */
export function s3RequestErrorOf(error: unknown, what: string): unknown {
  if (!(error instanceof S3ServiceException)) return error;
  const status = error.$metadata.httpStatusCode;
  if (status === undefined) return error;
  const s3Code = NAMELESS.has(error.name) ? undefined : error.name;
  // The SDK fills a missing message with "UnknownError" or the code itself: not worth repeating.
  const message =
    error.message && error.message !== error.name && error.message !== 'UnknownError'
      ? error.message
      : undefined;
  return new S3RequestError(status, s3Code, what, message, { cause: error });
}
