import { randomBytes } from 'node:crypto';
import { TokenService } from './token.service';

const settings = {
  tokenSecret: new Uint8Array(randomBytes(32)),
  tokenTtlSeconds: 60,
  challengeTtlSeconds: 60,
  rateLimitPerMinute: 100,
  verifyRateLimitPerMinute: 100,
  rateLimitStore: 'memory' as const,
};

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('TokenService', () => {
  it('verifies its own token, again from memory, until the token expires', async () => {
    const tokens = new TokenService(settings);
    const issuedAt = new Date();
    const { token, expiresAt } = await tokens.issue('credential-1', issuedAt);
    expect(await tokens.verify(token, issuedAt.getTime())).toBe('credential-1');
    expect(await tokens.verify(token, issuedAt.getTime() + 1000)).toBe('credential-1');
    expect(await codeOf(tokens.verify(token, expiresAt.getTime() + 1000))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token whose signature or claims were changed, even after verifying the original', async () => {
    const tokens = new TokenService(settings);
    const { token } = await tokens.issue('credential-1');
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'credential-2' })).toString('base64url');
    expect(await codeOf(tokens.verify(`${header}.${forged}.${signature}`))).toBe('UNAUTHENTICATED');
    expect(await codeOf(tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}AA`))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a token signed with another secret', async () => {
    const other = new TokenService({ ...settings, tokenSecret: new Uint8Array(randomBytes(32)) });
    const { token } = await other.issue('credential-1');
    expect(await codeOf(new TokenService(settings).verify(token))).toBe('UNAUTHENTICATED');
  });
});
