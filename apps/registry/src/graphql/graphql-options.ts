import { join } from 'node:path';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toClientError } from './graphql-error-formatter';

/** Deep queries are refused before they run: no legitimate query needs more. */
export const MAX_QUERY_DEPTH = 8;

export interface GraphqlContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

export function graphqlOptions(): MercuriusDriverConfig {
  return {
    driver: MercuriusDriver,
    // The committed schema is regenerated in development and checked in CI.
    autoSchemaFile: process.env.SIGNET_WRITE_SCHEMA ? join(process.cwd(), 'schema.gql') : true,
    sortSchema: true,
    path: '/graphql',
    // GraphiQL loads from a CDN these machines cannot reach; the API stays plain.
    graphiql: false,
    queryDepth: MAX_QUERY_DEPTH,
    jit: 1,
    context: (req: FastifyRequest, reply: FastifyReply): GraphqlContext => ({ req, reply }),
    errorFormatter: (execution) => ({
      // Refusals are answers, not transport failures: the client reads extensions.code.
      statusCode: 200,
      response: { data: execution.data ?? null, errors: execution.errors.map(toClientError) },
    }),
  };
}
