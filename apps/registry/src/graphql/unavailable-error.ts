/**
 * Whether a failure is a part of the service being down or out of room (PostgreSQL, the
 * object store, the chain's RPC endpoint, the blob directory's disk), rather than a bug.
 * Clients get UNAVAILABLE for these: nothing was acknowledged, and the same request (with
 * the same idempotency key) may be sent again. Found by walking `cause` and TypeORM's
 * `driverError`, since each library wraps the socket's or the server's error its own way.
 */
export function isUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    if (unavailableHere(current)) return true;
    const next: unknown = (current as Failure).driverError ?? (current as Failure).cause;
    current = next;
  }
  return false;
}

interface Failure {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  status?: unknown;
  $metadata?: { httpStatusCode?: number };
  driverError?: unknown;
  cause?: unknown;
}

/** Socket and file-system errors that say "the other side is not there" or "no room". */
const SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'EIO',
  'EMFILE',
  'ENFILE',
]);
/** ethers' codes for an RPC endpoint that failed or did not answer. */
const RPC_CODES = new Set(['SERVER_ERROR', 'TIMEOUT', 'NETWORK_ERROR']);
/**
 * PostgreSQL SQLSTATEs: connection exceptions (08), insufficient resources such as a full
 * disk or too many connections (53), operator intervention such as a shutdown (57P),
 * system errors (58), and a serialisation failure or deadlock (40001, 40P01) to retry.
 */
const SQLSTATE = /^(08|53|57P|58|40001|40P01)/;
const POOL_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|Client was closed|socket hang up|no answer within/i;

function unavailableHere(failure: Failure): boolean {
  const { code, message, name } = failure;
  if (
    typeof code === 'string' &&
    (SYSTEM_CODES.has(code) || RPC_CODES.has(code) || code.startsWith('UND_ERR'))
  )
    return true;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && SQLSTATE.test(code)) return true;
  if (name === 'S3RequestError' && typeof failure.status === 'number' && failure.status >= 500) return true;
  const httpStatus = failure.$metadata?.httpStatusCode;
  if (typeof httpStatus === 'number' && (httpStatus >= 500 || httpStatus === 429)) return true;
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  return typeof message === 'string' && POOL_MESSAGES.test(message);
}
