import { getIntrospectionQuery } from 'graphql';
import {
  populate,
  startCredentialsHarness,
  type CredentialsHarness,
  type Subject,
} from './credentials-harness';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: { cost?: Cost };
}
interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

const BLOCKCHAIN_ID = `eip155:1:0x${'00'.repeat(20)}:0x${'11'.repeat(32)}`;
const aliased = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const COSTLY_LIST = '{ agreements(first: 100) { edges { node { id verification { valid } } } } }';

/**
 * The document limits and the cost budget, against the real service: each refusal has its
 * code and comes before any resolver runs, which the service's own resolver counter
 * (signet_graphql_resolver_calls_total on /metrics) shows.
 */
describe('GraphQL limits: document limits, a cost per request, no form bodies', () => {
  let harness: CredentialsHarness;
  let regulator: Subject;

  beforeAll(async () => {
    harness = await startCredentialsHarness();
    ({ regulator } = await populate(harness));
  });
  afterAll(() => harness?.stop());

  async function post(body: string, contentType = 'application/json', token?: string): Promise<Answer> {
    const response = await fetch(`${harness.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    expect(response.status).toBeLessThan(500);
    return (await response.json()) as Answer;
  }
  const ask = (query: string, token?: string, variables?: Record<string, unknown>) =>
    post(JSON.stringify({ query, variables }), 'application/json', token);
  async function get(query: string, token?: string): Promise<Answer> {
    const response = await fetch(`${harness.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return (await response.json()) as Answer;
  }
  const codes = (answer: Answer) => answer.errors?.map((error) => error.extensions?.code);

  /** How often the service has run a root field's resolver. */
  async function resolverCalls(field: string): Promise<number> {
    const text = await (await fetch(`${harness.url}/metrics`)).text();
    const line = new RegExp(`^signet_graphql_resolver_calls_total\\{field="${field}"\\} (\\d+)$`, 'm').exec(
      text,
    );
    return line ? Number(line[1]) : 0;
  }

  it('refuses 2,000 aliased verify fields in under 50 ms, before any resolver runs', async () => {
    const attack = aliased(2000, `verify(blockchainId: "${BLOCKCHAIN_ID}") { valid }`);
    expect(attack.length).toBeGreaterThan(300_000);
    const before = await resolverCalls('verify');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const answer = await ask(attack);
      times.push(performance.now() - started);
      // The parser stops at the first token past the limit: the cheapest limit it breaks.
      expect(codes(answer)).toEqual(['TOO_MANY_TOKENS']);
      expect(answer.data).toBeNull();
    }
    // Round trips on localhost bound the server's time from above; the best of five
    // tolerates a loaded machine.
    expect(Math.min(...times)).toBeLessThan(50);
    expect(await resolverCalls('verify')).toBe(before);
  });

  it("refuses a document past the alias or directive limit with that limit's code, running nothing", async () => {
    const before = await resolverCalls('status');
    expect(codes(await ask(aliased(15, 'status { version }')))).toBeUndefined();
    // The counter counts each aliased field it runs.
    expect(await resolverCalls('status')).toBe(before + 15);
    const aliases = await ask(aliased(16, 'status { version }'));
    expect(codes(aliases)).toEqual(['TOO_MANY_ALIASES']);
    expect(aliases.errors?.[0].message).toMatch(/16, at most 15/);
    const directives = `{ ${'... on Query @include(if: true) { __typename } '.repeat(51)}}`;
    expect(codes(await ask(directives))).toEqual(['TOO_MANY_DIRECTIVES']);
    expect(await resolverCalls('status')).toBe(before + 15);
  });

  it("charges an anonymous request its cost: the address's remaining budget drops by it", async () => {
    const verify = `{ verify(blockchainId: "${BLOCKCHAIN_ID}") { valid checks { name ok } } }`;
    const first = (await ask(verify)).extensions?.cost;
    const second = (await ask(verify)).extensions?.cost;
    // verify reads the chain and the blob store (10) and selects one more object.
    expect(second?.requestedQueryCost).toBe(11);
    expect(second?.actualQueryCost).toBe(11);
    expect(second?.throttleStatus.maximumAvailable).toBe(12_000);
    expect(second?.throttleStatus.currentlyAvailable).toBe(first!.throttleStatus.currentlyAvailable - 11);
  });

  it('refuses a costly authenticated list before it reads the database, and says what it costs', async () => {
    const before = await resolverCalls('agreements');
    const refused = await ask(COSTLY_LIST, regulator.token);
    expect(codes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refused.errors?.[0].message).toMatch(/costs 1201, at most 1000/);
    expect(codes(await get(COSTLY_LIST, regulator.token))).toEqual(['QUERY_TOO_COMPLEX']);
    expect(await resolverCalls('agreements')).toBe(before);
    // A page it can afford runs, and is charged to the credential's own budget.
    const cheap = await ask('{ agreements(first: 5) { edges { node { id } } } }', regulator.token);
    expect(cheap.errors).toBeUndefined();
    expect(cheap.extensions?.cost?.requestedQueryCost).toBe(1 + 5 * 2);
    expect(cheap.extensions?.cost?.throttleStatus.maximumAvailable).toBe(60_000);
    expect(await resolverCalls('agreements')).toBe(before + 1);
  });

  it('needs a first on every list, within its page', async () => {
    const list = (first: string) => `{ agreements(first: ${first}) { edges { cursor } } }`;
    expect(codes(await ask(list('null'), regulator.token))).toEqual(['FIRST_REQUIRED']);
    expect(codes(await ask(list('101'), regulator.token))).toEqual(['FIRST_TOO_LARGE']);
  });

  it('applies the same limits to GET and never runs a mutation over GET', async () => {
    const status = await get('{ status { version } }');
    expect(status.errors).toBeUndefined();
    expect(status.extensions?.cost?.requestedQueryCost).toBe(1);
    expect(codes(await get(aliased(16, 'status { version }')))).toEqual(['TOO_MANY_ALIASES']);
    const before = await resolverCalls('authChallenge');
    expect(
      codes(await get(`mutation { authChallenge(credentialId: "${regulator.credentialId}") { nonce } }`)),
    ).toEqual(['METHOD_NOT_ALLOWED']);
    expect(await resolverCalls('authChallenge')).toBe(before);
  });

  it('refuses a form-encoded or multipart mutation (a browser can post those cross-site)', async () => {
    const before = await resolverCalls('authChallenge');
    const mutation = `mutation { authChallenge(credentialId: "${regulator.credentialId}") { nonce } }`;
    const form = await post(`query=${encodeURIComponent(mutation)}`, 'application/x-www-form-urlencoded');
    expect(codes(form)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    const multipart = await post(
      `--b\r\nContent-Disposition: form-data; name="query"\r\n\r\n${mutation}\r\n--b--\r\n`,
      'multipart/form-data; boundary=b',
    );
    expect(codes(multipart)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    expect(await resolverCalls('authChallenge')).toBe(before);
  });

  it('suggests field names to a credential only', async () => {
    const anonymous = await ask('{ statu { version } }');
    expect(codes(anonymous)).toEqual(['BAD_INPUT']);
    expect(anonymous.errors?.[0].message).not.toMatch(/Did you mean/);
    const known = await ask('{ statu { version } }', regulator.token);
    expect(known.errors?.[0].message).toMatch(/Did you mean "status"\?/);
  });

  it('answers the standard introspection query, and charges it', async () => {
    const answer = await ask(getIntrospectionQuery());
    expect(answer.errors).toBeUndefined();
    expect((answer.data?.__schema as { types: unknown[] }).types.length).toBeGreaterThan(10);
    expect(answer.extensions?.cost?.requestedQueryCost).toBeGreaterThan(10);
  });
});
