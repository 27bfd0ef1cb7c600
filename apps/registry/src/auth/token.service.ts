import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { DomainError, ErrorCode } from '@signet/domain';
import { AUTH_SETTINGS, type AuthSettings } from './auth-settings';

const ISSUER = 'signet';
const AUDIENCE = 'signet-api';

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
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.settings.tokenSecret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      if (typeof payload.sub !== 'string')
        throw new DomainError(ErrorCode.Unauthenticated, 'token has no subject');
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
}
