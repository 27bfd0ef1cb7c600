import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { documentLimitRules, PARSE_OPTIONS } from './document-limits';
import { toClientErrors } from './graphql-error-formatter';

export interface GraphqlContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

export function graphqlOptions(): MercuriusDriverConfig {
  return {
    driver: MercuriusDriver,
    // In memory: the committed schema.gql is written by `npm run schema:print` and checked in CI.
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    // GraphiQL loads from a CDN these machines cannot reach; the API stays plain.
    graphiql: false,
    // Document limits (document-limits.ts); the cost is charged per request by RequestBudget.
    validationRules: documentLimitRules(),
    graphql: { parseOptions: PARSE_OPTIONS },
    jit: 1,
    context: (req: FastifyRequest, reply: FastifyReply): GraphqlContext => ({ req, reply }),
    errorFormatter: (execution, context) => ({
      // Refusals are answers, not transport failures: the client reads extensions.code.
      statusCode: 200,
      response: {
        data: execution.data ?? null,
        errors: toClientErrors(execution.errors, {
          anonymous: (context as { caller?: { anonymous: boolean } }).caller?.anonymous ?? true,
        }),
      },
    }),
  };
}
