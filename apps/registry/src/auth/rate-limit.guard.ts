import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError, ErrorCode } from '@signet/domain';
import { operationOf, trackerOf, type SignetRequest } from './graphql-operation';

/** The refusal past a budget, for HTTP routes and GraphQL requests alike. */
export function rateLimited(detail: { limit: number; ttl: number; timeToBlockExpire: number }): DomainError {
  return new DomainError(
    ErrorCode.RateLimited,
    `too many requests: at most ${detail.limit} per ${detail.ttl / 1000} s`,
    { retryAfterSeconds: Math.max(1, Math.ceil(detail.timeToBlockExpire)) },
  );
}

/**
 * @nestjs/throttler for the HTTP routes, per route and per credential once the access guard
 * has authenticated the caller, else per address. Runs after AccessGuard. A GraphQL request
 * is charged its cost once, before it runs, by RequestBudget instead.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(operationOf(context).kind === 'graphql');
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
    return Promise.resolve(trackerOf(request.user?.credentialId, request.ip));
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw rateLimited(detail);
  }
}
