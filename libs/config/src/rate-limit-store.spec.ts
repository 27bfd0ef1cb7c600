import { rateLimitStoreOf } from './rate-limit-store';

describe('where the rate-limit windows live', () => {
  it('is Redis with REDIS_URL, PostgreSQL with an external database, else the process', () => {
    expect(rateLimitStoreOf({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db' })).toEqual({
      kind: 'redis',
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(rateLimitStoreOf({ DATABASE_URL: 'postgres://db' }).kind).toBe('postgres');
    expect(rateLimitStoreOf({}).kind).toBe('memory');
    expect(rateLimitStoreOf({ DATABASE_URL: 'postgres://db', SIGNET_RATE_LIMIT_STORE: 'memory' }).kind).toBe(
      'memory',
    );
  });

  it('names the variable that is wrong', () => {
    expect(() => rateLimitStoreOf({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => rateLimitStoreOf({ SIGNET_RATE_LIMIT_STORE: 'disk' })).toThrow(/SIGNET_RATE_LIMIT_STORE/);
    expect(() => rateLimitStoreOf({ SIGNET_RATE_LIMIT_STORE: 'redis' })).toThrow(/REDIS_URL/);
  });
});
