import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { ErrorCode } from '@signet/domain';

/**
 * What one GraphQL document may hold, with the defaults a user of GitHub's or Shopify's API
 * knows. They are checked while the document is parsed and validated, so a document past
 * any of them is refused before a resolver runs (and mercurius caches the refusal).
 */
export const DOCUMENT_LIMITS = {
  aliases: 15,
  /** Counted by the parser itself, which stops reading at the first token past the limit. */
  tokens: 1000,
  directives: 50,
  /** Introspection under `__schema` has graphql-js's own list-nesting limit instead. */
  depth: 8,
} as const;

type RejectHandler = (context: ValidationContext | null, error: GraphQLError) => void;

/** The armor rules throw a generic error; report ours, with its code, and let validation go on. */
function reportAs(code: ErrorCode, message: (found: string) => string): { onReject: RejectHandler[] } {
  return {
    onReject: [
      (context, error) =>
        context?.reportError(
          new GraphQLError(message(/found (\d+)/.exec(error.message)?.[1] ?? 'more'), {
            extensions: { code },
          }),
        ),
    ],
  };
}

export function documentLimitRules(): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true };
  return [
    maxAliasesRule({
      ...common,
      n: DOCUMENT_LIMITS.aliases,
      ...reportAs(
        ErrorCode.TooManyAliases,
        (found) => `too many aliases: ${found}, at most ${DOCUMENT_LIMITS.aliases}`,
      ),
    }),
    maxDirectivesRule({
      ...common,
      n: DOCUMENT_LIMITS.directives,
      ...reportAs(
        ErrorCode.TooManyDirectives,
        (found) => `too many directives: ${found}, at most ${DOCUMENT_LIMITS.directives}`,
      ),
    }),
    maxDepthRule({
      ...common,
      n: DOCUMENT_LIMITS.depth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...reportAs(
        ErrorCode.QueryTooDeep,
        (found) => `query too deep: ${found} levels, at most ${DOCUMENT_LIMITS.depth}`,
      ),
    }),
  ];
}

/** graphql-js's parser counts tokens; mercurius passes these options to it. */
export const PARSE_OPTIONS = { maxTokens: DOCUMENT_LIMITS.tokens };

/**
 * The code for a refusal graphql-js or mercurius made without one: the parser's token limit
 * and graphql-js's own introspection-nesting rule are limits like the others.
 */
export function limitCodeOf(message: string): ErrorCode | undefined {
  if (/Document contains more th\w+ \d+ tokens/.test(message)) return ErrorCode.TooManyTokens;
  if (/Maximum introspection depth exceeded/.test(message)) return ErrorCode.QueryTooDeep;
  return undefined;
}

export function limitMessageOf(code: ErrorCode, message: string): string {
  return code === ErrorCode.TooManyTokens
    ? `too many tokens: at most ${DOCUMENT_LIMITS.tokens} in one document`
    : message;
}
