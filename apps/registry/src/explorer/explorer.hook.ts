import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EXPLORER_PAGE } from './explorer-assets';

/**
 * A browser opening /graphql gets GraphiQL; everything else there (POST, and GET with
 * `?query=`) stays GraphQL's. GraphQL owns the route, so this runs before it as a hook.
 */
export function serveExplorerAtGraphql(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const [path, search = ''] = request.url.split('?', 2);
    const browser = (request.headers.accept ?? '').includes('text/html');
    if (
      request.method === 'GET' &&
      path === '/graphql' &&
      browser &&
      !new URLSearchParams(search).has('query')
    ) {
      void reply.type('text/html; charset=utf-8').send(EXPLORER_PAGE);
      return;
    }
    done();
  });
}
