import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RateWindowStore } from '@signet/domain';
import type { FastifyInstance } from 'fastify';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { requestCost } from '../graphql/request-cost';
import { SignetMetrics } from '../observability/metrics';
import { AUTH_SETTINGS, type AuthSettings } from './auth-settings';
import { bearerToken } from './bearer.strategy';
import { trackerOf, type SignetRequest } from './graphql-operation';
import { rateLimited } from './rate-limit.guard';
import { TokenService } from './token.service';

const WINDOW_MS = 60_000;
const THROTTLER = 'graphql';

/** Who is asking, known before the document is parsed (for the budget and the error messages). */
export interface RequestCaller {
  tracker: string;
  anonymous: boolean;
}

/** What `extensions.cost` says, as Shopify's API does. */
export interface CostReport {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export interface BudgetContext {
  req: SignetRequest;
  caller?: RequestCaller;
  cost?: CostReport;
}

/**
 * Charges a GraphQL request its cost, once, before any resolver runs: the cost of the
 * operation with its variables (request-cost.ts), against a budget per credential or, for a
 * caller without a valid token, per address, refilled over a sliding minute. The budget
 * lives in the RateWindowStore: this process's, or one that every API replica shares
 * (PostgreSQL or Redis; rate-window.provider.ts).
 */
@Injectable()
export class RequestBudget implements OnApplicationBootstrap {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapter: HttpAdapterHost,
    @Inject(RateWindowStore) private readonly windows: RateWindowStore,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(SignetMetrics) private readonly metrics: SignetMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    const { graphql } = fastify;
    graphql.addHook('preParsing', (_schema, _source, context) => this.identify(context));
    graphql.addHook('preExecution', (schema, document, context, variables) =>
      this.charge(schema, document, context, variables),
    );
    graphql.addHook('onResolution', (execution, context) => this.report(execution, context));
  }

  /** A token that verifies names the credential; anything else counts as anonymous. */
  private async identify(context: MercuriusContext): Promise<void> {
    const budget = context as unknown as BudgetContext;
    const { req } = budget;
    let credentialId: string | undefined;
    if (req.headers.authorization) {
      credentialId = await this.tokens.verify(bearerToken(req.headers.authorization)).catch(() => undefined);
    }
    budget.caller = { tracker: trackerOf(credentialId, req.ip), anonymous: !credentialId };
  }

  private async charge(
    schema: GraphQLSchema,
    document: DocumentNode,
    context: MercuriusContext,
    variables: Record<string, unknown> | undefined,
  ): Promise<void> {
    const budget = context as unknown as BudgetContext;
    const caller = budget.caller ?? { tracker: trackerOf(undefined, budget.req.ip), anonymous: true };
    const cost = requestCost(schema, { document, variables, operationName: operationNameOf(budget.req) });
    this.metrics.graphqlCost.observe(cost);
    const limit = caller.anonymous
      ? this.settings.verifyRateLimitPerMinute
      : this.settings.rateLimitPerMinute;
    // Even a request that selects nothing costly is a request: it draws at least one point.
    const hit = await this.windows.hit(
      `${THROTTLER}:${caller.tracker}`,
      Math.max(cost, 1),
      WINDOW_MS,
      limit,
      WINDOW_MS,
    );
    const remaining = hit.isBlocked ? 0 : Math.max(0, limit - hit.totalHits);
    const reply = context.reply;
    reply.header('X-RateLimit-Limit', limit);
    reply.header('X-RateLimit-Remaining', remaining);
    reply.header('X-RateLimit-Reset', hit.timeToExpire);
    if (hit.isBlocked) {
      reply.header('Retry-After', hit.timeToBlockExpire);
      throw rateLimited({ limit, ttl: WINDOW_MS, timeToBlockExpire: hit.timeToBlockExpire });
    }
    budget.cost = {
      requestedQueryCost: cost,
      // Charged up front at the requested cost: what a list actually returned is not refunded.
      actualQueryCost: cost,
      throttleStatus: {
        maximumAvailable: limit,
        currentlyAvailable: remaining,
        restoreRate: Math.round((limit / WINDOW_MS) * 1000 * 100) / 100,
      },
    };
  }

  private report(execution: ExecutionResult, context: MercuriusContext): void {
    const { cost } = context as unknown as BudgetContext;
    if (cost) execution.extensions = { ...execution.extensions, cost };
  }
}

function operationNameOf(req: SignetRequest): string | undefined {
  const params = (req.method === 'GET' ? req.query : req.body) as { operationName?: unknown } | undefined;
  return typeof params?.operationName === 'string' ? params.operationName : undefined;
}
