import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError, ErrorCode } from '@signet/domain';
import { operationOf, type SignetRequest } from './graphql-operation';

/**
 * @nestjs/throttler for GraphQL and HTTP: counted per operation and per credential once
 * the access guard has authenticated the caller, else per address. Runs after AccessGuard.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    // Nested field resolvers are part of their root operation's request, already counted.
    return Promise.resolve(!operationOf(context).root);
  }

  protected override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    const { req, res } = operationOf(context);
    return { req: req as unknown as Record<string, unknown>, res: res as unknown as Record<string, unknown> };
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as SignetRequest;
    return Promise.resolve(
      request.user ? `credential:${request.user.credentialId}` : `address:${request.ip}`,
    );
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainError(
      ErrorCode.RateLimited,
      `too many requests: at most ${detail.limit} per ${detail.ttl / 1000} s`,
      {
        retryAfterSeconds: Math.max(1, Math.ceil(detail.timeToBlockExpire)),
      },
    );
  }
}
