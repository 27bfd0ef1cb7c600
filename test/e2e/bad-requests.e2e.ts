import { startSignetProcess, type SignetProcess } from '@signet/testing';

/**
 * Whatever a client sends, it gets a typed refusal and never a server fault: bodies that
 * are not JSON, queries that do not parse, validate or are too deep (the other limits: graphql-limits.test.ts). (A body over the 8 MiB
 * limit gets TOO_LARGE too, but the service closes the socket mid-upload, which makes a
 * client-side assertion racy; the mapping is the same code path.)
 */
describe('malformed requests get typed refusals, never INTERNAL', () => {
  let signet: SignetProcess;

  beforeAll(async () => {
    signet = await startSignetProcess();
  });
  afterAll(async () => {
    await signet?.stop();
  });

  async function send(body: string | Buffer, contentType = 'application/json') {
    const response = await fetch(`${signet.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    expect(response.status).toBeLessThan(500);
    const answer = (await response.json()) as {
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    return answer.errors?.[0];
  }

  it.each([
    ['a body that is not JSON', '{nope', 'BAD_INPUT', /not valid JSON/],
    ['a query that does not parse', JSON.stringify({ query: '{ status { ' }), 'BAD_INPUT', /Syntax Error/],
    ['an unknown field', JSON.stringify({ query: '{ nope }' }), 'BAD_INPUT', /Cannot query field "nope"/],
    [
      'a variable of the wrong type',
      JSON.stringify({ query: 'query($id: String!) { agreement(id: $id) { id } }', variables: { id: 5 } }),
      'BAD_INPUT',
      /String cannot represent/,
    ],
    [
      'a query nested too deep',
      JSON.stringify({
        query:
          '{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }',
      }),
      'QUERY_TOO_DEEP',
      /too deep: 11 levels, at most 8/,
    ],
    [
      'introspection nesting its lists too deep',
      JSON.stringify({
        query: '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
      }),
      'QUERY_TOO_DEEP',
      /introspection depth/,
    ],
  ])('%s', async (_name, body, code, message) => {
    const error = await send(body);
    expect(error?.extensions?.code).toBe(code);
    expect(error?.message).toMatch(message);
  });

  it('a body that is not an object is BAD_INPUT', async () => {
    const error = await send('hello', 'text/plain');
    expect(error?.extensions?.code).toBe('BAD_INPUT');
  });
});
