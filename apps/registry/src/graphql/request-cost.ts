import {
  GraphQLError,
  isCompositeType,
  getNamedType,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '@signet/domain';

/**
 * The cost model (README, "GraphQL limits"), Shopify's in spirit: an object costs 1, a
 * scalar nothing; a list with `first` costs its selection once per item asked for; a field
 * that reads the chain or the blob store declares more (`complexity` on its decorator); a
 * mutation costs 1 per write whatever it selects (a batch: its declared complexity, one per
 * deposit); introspection a flat surcharge on top of its fields.
 */
export const COST_LIMITS = {
  /** Ceiling of one request. */
  maxCost: 1000,
  /** Largest `first` of a list, unless its field declares `extensions: { maxPage }`. */
  maxPage: 100,
  introspection: 10,
} as const;

/** A field that reads the chain and the blob store (verification) costs this much plus its selection. */
export const VERIFICATION_COST = 10;

/** A batch's cost: one per item it carries (a longer list than allowed is refused by its use case). */
export function perItem(items: unknown): number {
  return Array.isArray(items) ? Math.max(items.length, 1) : 1;
}

/** What a field's decorator may declare: a cost, or a function of its arguments. */
type DeclaredComplexity =
  number | ((options: { args: Record<string, unknown>; childComplexity: number }) => number);

interface CostExtensions {
  complexity?: DeclaredComplexity;
  maxPage?: number;
}

function extensionsOf(field: GraphQLField<unknown, unknown>): CostExtensions {
  return field.extensions as CostExtensions;
}

function declared(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  childComplexity: number,
): number | undefined {
  const { complexity } = extensionsOf(field);
  if (typeof complexity === 'number') return complexity + childComplexity;
  if (typeof complexity === 'function') return complexity({ args, childComplexity });
  return undefined;
}

function refusal(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function estimatorsFor(schema: GraphQLSchema): ComplexityEstimator[] {
  const mutationType = schema.getMutationType();
  const introspection: ComplexityEstimator = ({ field, childComplexity }) =>
    field.name === '__schema' || field.name === '__type'
      ? COST_LIMITS.introspection + childComplexity
      : undefined;
  const mutation: ComplexityEstimator = ({ type, field, args }) =>
    type === mutationType ? (declared(field, args, 0) ?? 1) : undefined;
  const paged: ComplexityEstimator = ({ field, args, childComplexity }) => {
    if (!field.args.some((arg) => arg.name === 'first')) return undefined;
    const first = args.first as number | null | undefined;
    const maxPage = extensionsOf(field).maxPage ?? COST_LIMITS.maxPage;
    if (first === null || first === undefined) {
      throw refusal(ErrorCode.FirstRequired, `${field.name} needs first (1 to ${maxPage})`);
    }
    if (first > maxPage) {
      throw refusal(ErrorCode.FirstTooLarge, `${field.name}: first is at most ${maxPage}, got ${first}`);
    }
    return 1 + Math.max(first, 1) * childComplexity;
  };
  const fields: ComplexityEstimator = ({ field, args, childComplexity }) =>
    declared(field, args, childComplexity) ??
    (isCompositeType(getNamedType(field.type)) ? 1 + childComplexity : 0);
  return [introspection, mutation, paged, fields];
}

export interface CostQuery {
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/**
 * The cost of the operation a request will run, with its variables; refuses (a GraphQLError
 * with its code) a list without a usable `first` or a document over the ceiling.
 */
export function requestCost(schema: GraphQLSchema, query: CostQuery): number {
  const cost = getComplexity({
    schema,
    query: query.document,
    variables: query.variables,
    operationName: query.operationName,
    estimators: estimatorsFor(schema),
  });
  if (cost > COST_LIMITS.maxCost) {
    throw refusal(
      ErrorCode.QueryTooComplex,
      `query too complex: it costs ${cost}, at most ${COST_LIMITS.maxCost} per request`,
    );
  }
  return cost;
}
