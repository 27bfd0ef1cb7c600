import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { DomainError, ErrorCode, type Caller } from '@signet/domain';
import { LiveCallerReader } from '../credentials/live-caller.reader';
import type { SignetRequest } from './graphql-operation';
import { TokenService } from './token.service';

export const BEARER_STRATEGY = 'signet-bearer';

/** `Authorization: Bearer <token>` → the caller, its credential checked live in the database. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, BEARER_STRATEGY) {
  constructor(
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(LiveCallerReader) private readonly credentials: LiveCallerReader,
  ) {
    super();
  }

  async validate(req: SignetRequest): Promise<Caller> {
    const credentialId = await this.tokens.verify(bearerToken(req.headers.authorization));
    return this.credentials.liveCaller(credentialId);
  }
}

export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) {
    throw new DomainError(
      ErrorCode.Unauthenticated,
      'this operation needs a credential: send "Authorization: Bearer <token>" (authChallenge, then authToken)',
    );
  }
  return match[1];
}
