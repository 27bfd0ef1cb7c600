import { Injectable, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { DEPOSIT_LIMITS, DomainError, ErrorCode } from '@signet/domain';
import { operationOf, type SignetRequest } from './graphql-operation';
import { SlidingWindowStorage } from './sliding-window.storage';

/**
 * How many requests one call counts as: a depositAgreements call as many as the deposits
 * it carries (at most the batch bound; a longer list is refused anyway), so that batching
 * buys less overhead, not more budget. Every other call counts once.
 */
export function requestWeight(context: ExecutionContext): number {
  if (context.getType<GqlContextType>() !== 'graphql') return 1;
  if (operationOf(context).name !== 'depositAgreements') return 1;
  const inputs = GqlExecutionContext.create(context).getArgs<{ inputs?: unknown }>().inputs;
  return Array.isArray(inputs) ? Math.min(Math.max(inputs.length, 1), DEPOSIT_LIMITS.maxBatchSize) : 1;
}

/**
 * @nestjs/throttler for GraphQL and HTTP: counted per operation and per credential once
 * the access guard has authenticated the caller, else per address. Runs after AccessGuard.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** A storage that cannot count a weight in one call is a wiring mistake: refuse to start. */
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    if (!(this.storageService instanceof SlidingWindowStorage)) {
      throw new Error(
        'RateLimitGuard needs SlidingWindowStorage (AuthModule), which counts a weight in one call',
      );
    }
  }

  /** Counts the call once as throttler does, then the rest of its weight; refuses past the limit. */
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const allowed = await super.handleRequest(props);
    const extra = requestWeight(props.context) - 1;
    if (extra <= 0) return allowed;
    const { context, ttl, limit, blockDuration, throttler } = props;
    const tracker = await props.getTracker(this.getRequestResponse(context).req, context);
    const key = props.generateKey(context, tracker, throttler.name!);
    // One call for the whole rest of the weight, as one request of that many hits.
    const hit = (this.storageService as SlidingWindowStorage).incrementBy(
      extra,
      key,
      ttl,
      limit,
      blockDuration,
      throttler.name!,
    );
    if (hit.isBlocked) await this.throwThrottlingException(context, { limit, ttl, key, tracker, ...hit });
    // throttler announced what was left after one hit; the batch took its whole weight.
    if (throttler.setHeaders ?? this.commonOptions.setHeaders ?? true) {
      const suffix = throttler.name === 'default' ? '' : `-${throttler.name}`;
      const { res } = this.getRequestResponse(context);
      this.setResponseHeader(
        res,
        `${this.headerPrefix}-Remaining${suffix}`,
        Math.max(0, limit - hit.totalHits),
      );
    }
    return allowed;
  }

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
