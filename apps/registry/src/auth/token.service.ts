import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { DomainError, ErrorCode } from '@signet/domain';
import { AUTH_SETTINGS, type AuthSettings } from './auth-settings';

const ISSUER = 'signet';
const AUDIENCE = 'signet-api';

/** Verified tokens remembered, so an agent's next call skips the HMAC (WebCrypto, async). */
const VERIFIED_CACHE_SIZE = 10_000;

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Short-lived HS256 access tokens. The token only says who logged in; whether that
 * credential is still live is checked in the database on every call, so revocation
 * takes effect at once rather than at expiry.
 */
@Injectable()
export class TokenService {
  /** token → its subject and expiry. The same string carries the same signed claims. */
  private readonly verified = new Map<string, { subject: string; expiresAtMs: number }>();

  constructor(@Inject(AUTH_SETTINGS) private readonly settings: AuthSettings) {}

  async issue(credentialId: string, now = new Date()): Promise<IssuedToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expires = issuedAt + this.settings.tokenTtlSeconds;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(credentialId)
      .setJti(randomUUID())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expires)
      .sign(this.settings.tokenSecret);
    return { token, expiresAt: new Date(expires * 1000) };
  }

  /** The credential id the token was issued to; UNAUTHENTICATED for anything else. */
  async verify(token: string, now = Date.now()): Promise<string> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > now) return known.subject;
    if (known) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.settings.tokenSecret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(now),
      });
      if (typeof payload.sub !== 'string')
        throw new DomainError(ErrorCode.Unauthenticated, 'token has no subject');
      this.remember(token, payload.sub, (payload.exp ?? 0) * 1000);
      return payload.sub;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const expired = error instanceof errors.JWTExpired;
      throw new DomainError(
        ErrorCode.Unauthenticated,
        expired ? 'access token has expired: log in again' : 'access token is not valid',
      );
    }
  }

  private remember(token: string, subject: string, expiresAtMs: number): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { subject, expiresAtMs });
  }
}
