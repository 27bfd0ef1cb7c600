import { isUnavailable } from './unavailable-error';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a full disk', withCode('ENOSPC')],
    ['PostgreSQL shutting down', withCode('57P01')],
    ['PostgreSQL refusing connections', withCode('53300')],
    [
      'a TypeORM error around a lost connection',
      Object.assign(new Error('q'), { driverError: withCode('08006') }),
    ],
    ['a pool that lost its server', new Error('Connection terminated unexpectedly')],
    [
      'a cause two levels down',
      new Error('outer', { cause: new Error('mid', { cause: withCode('ECONNRESET') }) }),
    ],
    ['an S3 503', Object.assign(new Error('S3'), { name: 'S3RequestError', status: 503 })],
    ['an SDK 503', Object.assign(new Error('S3'), { $metadata: { httpStatusCode: 503 } })],
    ['an RPC endpoint failing', withCode('SERVER_ERROR')],
  ])('%s', (_, error) => expect(isUnavailable(error)).toBe(true));

  it.each([
    ['a bug', new TypeError('x is undefined')],
    ['a constraint violation', withCode('23505')],
    ['an S3 403', Object.assign(new Error('S3'), { name: 'S3RequestError', status: 403 })],
    ['nothing', undefined],
  ])('not %s', (_, error) => expect(isUnavailable(error)).toBe(false));
});
