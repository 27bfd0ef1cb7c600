import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * GraphiQL's browser build and the React it runs on, served from the installed npm
 * packages: nothing is fetched from a CDN, so the explorer works offline and a page's
 * content is exactly what package-lock.json pins.
 */
export const EXPLORER_ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

const cache = new Map<string, Buffer>();

export function explorerAsset(name: string): { body: Buffer; type: string } | undefined {
  const asset = Object.hasOwn(EXPLORER_ASSETS, name) ? EXPLORER_ASSETS[name] : undefined;
  if (!asset) return undefined;
  let body = cache.get(name);
  if (!body) {
    // By the package's directory: React's `exports` do not list its browser builds.
    body = readFileSync(join(dirname(require.resolve(`${asset.pkg}/package.json`)), asset.file));
    cache.set(name, body);
  }
  return { body, type: asset.type };
}

export const EXPLORER_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Signet GraphQL explorer</title>
  <link rel="stylesheet" href="/explorer/graphiql.css">
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading the explorer…</div>
  <script src="/explorer/react.js"></script>
  <script src="/explorer/react-dom.js"></script>
  <script src="/explorer/graphiql.js"></script>
  <script>
    // Log in with \`signet login\` and put {"Authorization": "Bearer <token>"} under Headers.
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: '{ status { version chainId registryAddress rpcUrl blockNumber } }' }),
    );
  </script>
</body>
</html>
`;

export function linksPage(graphiql: boolean): string {
  const links = [
    graphiql
      ? '<li><a href="/graphql">/graphql</a> — the GraphQL API; in a browser, its explorer (GraphiQL)</li>'
      : '<li>POST /graphql — the GraphQL API</li>',
    '<li><a href="/verify">/verify</a> — verify an agreement in the browser (what <code>/</code> opens)</li>',
    '<li><a href="/healthz">/healthz</a> — whether the database, storage and chain answer</li>',
    '<li><a href="/metrics">/metrics</a> — Prometheus metrics</li>',
  ];
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Signet</title></head>
<body>
  <h1>Signet</h1>
  <p>A neutral agreement registry. The command line is <code>npx signet --help</code>.</p>
  <ul>
    ${links.join('\n    ')}
  </ul>
</body>
</html>
`;
}
