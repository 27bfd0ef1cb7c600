import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '@signet/domain';

/** The request as the guards see it: passport puts the authenticated caller on `user`. */
export type SignetRequest = FastifyRequest & { user?: Caller | null };

/** Whose budget a request draws on: its credential's once authenticated, else its address's. */
export function trackerOf(credentialId: string | undefined, ip: string): string {
  return credentialId ? `credential:${credentialId}` : `address:${ip}`;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export interface OperationTarget {
  kind: 'graphql' | 'http';
  /** A root GraphQL field (`depositAgreement`) or `METHOD /path` for HTTP. */
  name: string;
  /** False for a nested field resolver: its root operation was already decided. */
  root: boolean;
  req: SignetRequest;
  res: FastifyReply;
}

/** Where a guard finds the request, the reply and the operation, for GraphQL and HTTP alike. */
export function operationOf(context: ExecutionContext): OperationTarget {
  if (context.getType<GqlContextType>() === 'graphql') {
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ fieldName: string; parentType: { name: string } }>();
    const ctx = gql.getContext<{ req: SignetRequest; reply: FastifyReply }>();
    return {
      kind: 'graphql',
      name: info.fieldName,
      root: ROOT_TYPES.has(info.parentType.name),
      req: ctx.req,
      res: ctx.reply,
    };
  }
  const http = context.switchToHttp();
  const req = http.getRequest<SignetRequest>();
  return {
    kind: 'http',
    name: `${req.method} ${req.url}`,
    root: true,
    req,
    res: http.getResponse<FastifyReply>(),
  };
}
