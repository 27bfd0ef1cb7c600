import { buildSchema, parse, type GraphQLError } from 'graphql';
import { COST_LIMITS, requestCost } from './request-cost';

const schema = buildSchema(`
  type Item { id: String!, owner: Owner! }
  type Owner { name: String! }
  type Page { items: [Item!]!, total: Int! }
  type Query {
    item: Item!
    page(first: Int = 20): Page!
    strict(first: Int): Page!
  }
  type Mutation { touch: Item! }
`);

const cost = (query: string, variables?: Record<string, unknown>) =>
  requestCost(schema, { document: parse(query), variables });

function refusal(query: string, variables?: Record<string, unknown>): string | undefined {
  try {
    cost(query, variables);
  } catch (error) {
    return (error as GraphQLError).extensions?.code as string;
  }
  return undefined;
}

describe('the cost of a GraphQL request', () => {
  it('counts an object 1 and a scalar nothing', () => {
    expect(cost('{ item { id } }')).toBe(1);
    expect(cost('{ item { id owner { name } } }')).toBe(2);
    expect(cost('{ __typename }')).toBe(0);
  });

  it('counts a list once per item asked for, with its default page when first is left out', () => {
    expect(cost('{ page(first: 10) { items { id } } }')).toBe(1 + 10 * 1);
    expect(cost('{ page { items { owner { name } } } }')).toBe(1 + 20 * 2);
    expect(cost('query ($n: Int) { page(first: $n) { items { id } } }', { n: 5 })).toBe(6);
  });

  it('refuses a list without a first, or past its page', () => {
    expect(refusal('{ strict { total } }')).toBe('FIRST_REQUIRED');
    expect(refusal('{ page(first: null) { total } }')).toBe('FIRST_REQUIRED');
    expect(refusal(`{ page(first: ${COST_LIMITS.maxPage + 1}) { total } }`)).toBe('FIRST_TOO_LARGE');
    expect(refusal('query ($n: Int) { page(first: $n) { total } }', { n: 1000 })).toBe('FIRST_TOO_LARGE');
  });

  it('refuses a request over the ceiling, counting what its variables ask for', () => {
    const deep = 'query ($n: Int) { page(first: $n) { items { owner { name } } } }';
    expect(cost(deep, { n: 100 })).toBe(201);
    const aliased = `{ ${Array.from({ length: 5 }, (_, i) => `p${i}: page(first: 100) { items { owner { name } } }`).join(' ')} }`;
    expect(refusal(aliased)).toBe('QUERY_TOO_COMPLEX');
  });

  it('counts a mutation 1 per write, whatever it selects', () => {
    expect(cost('mutation { touch { id owner { name } } }')).toBe(1);
  });

  it('costs introspection, a flat surcharge on its fields', () => {
    expect(cost('{ __schema { queryType { name } } }')).toBe(COST_LIMITS.introspection + 1);
  });
});
