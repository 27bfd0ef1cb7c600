import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { ROLES, type Role } from '@signet/domain';
import { allows, AUTHORIZATION_MATRIX, policyFor } from '../../apps/registry/src/auth/authorization-matrix';
import { RESOLVERS } from '../../apps/registry/src/graphql/resolvers';
import {
  populate,
  startCredentialsHarness,
  type CredentialsHarness,
  type Subject,
} from './credentials-harness';

interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  document: string;
}

async function builtSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    return await app.get(GraphQLSchemaFactory).create(RESOLVERS);
  } finally {
    await app.close();
  }
}

const HEX32 = `0x${'11'.repeat(32)}`;

/** A literal of the right type, so a call reaches the guard instead of failing validation. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return `{ ${fields.map((field) => `${field.name}: ${literal(field.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int') return '1';
    if (type.name === 'Float') return '1.5';
    if (type.name === 'Boolean') return 'false';
    if (type.name === 'DateTime') return '"2030-01-01T00:00:00.000Z"';
  }
  return JSON.stringify(HEX32);
}

function operation(kind: Operation['kind'], field: GraphQLField<unknown, unknown>): Operation {
  const args = field.args
    .filter((arg) => isNonNullType(arg.type))
    .map((arg) => `${arg.name}: ${literal(arg.type)}`);
  const selection =
    isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    kind,
    name: field.name,
    document: `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`,
  };
}

describe('authorisation matrix (every operation of the built schema, as nobody and as every role)', () => {
  let operations: Operation[];
  let harness: CredentialsHarness;
  let subjects: Record<Role, Subject>;

  beforeAll(async () => {
    const schema = await builtSchema();
    operations = [
      ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => operation('query', field)),
      ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) =>
        operation('mutation', field),
      ),
    ];
    harness = await startCredentialsHarness();
    subjects = await populate(harness);
  });
  afterAll(() => harness?.stop());

  it('has a decision for every operation in the schema (default deny: a new one fails here)', () => {
    const undecided = operations.filter((op) => policyFor(op.name) === undefined).map((op) => op.name);
    expect(undecided).toEqual([]);
  });

  it('makes only status, verify, authChallenge, authToken and the policy packs (the rules that bind anyone) public', () => {
    const publicOps = Object.entries(AUTHORIZATION_MATRIX)
      .filter(([, policy]) => policy === 'public')
      .map(([name]) => name)
      .sort();
    expect(publicOps).toEqual([
      'authChallenge',
      'authToken',
      'policyPack',
      'policyPacks',
      'status',
      'verify',
    ]);
  });

  it("keeps the operator's lists (organizations, credentials) to the operator, like its mutations", () => {
    for (const name of ['organizations', 'credentials']) {
      expect(operations.some((op) => op.name === name && op.kind === 'query')).toBe(true);
      expect(policyFor(name)).toEqual(policyFor('issueCredential'));
      expect(policyFor(name)).toEqual(['operator']);
    }
  });

  it('allows and refuses exactly as the matrix says', async () => {
    const callers: Array<{ role: Role | null; token?: string }> = [
      { role: null },
      ...ROLES.map((role) => ({ role, token: subjects[role].token })),
    ];
    const mismatches: string[] = [];
    for (const op of operations) {
      const policy = policyFor(op.name)!;
      for (const caller of callers) {
        const result = await harness.gql(op.document, {}, caller.token);
        const code = result.errors?.find((error) => (error as { path?: string[] }).path?.[0] === op.name)
          ?.extensions?.code;
        const anyCode = code ?? result.errors?.[0]?.extensions?.code;
        const who = caller.role ?? 'nobody';
        if (allows(policy, caller.role)) {
          if (anyCode === 'FORBIDDEN' || anyCode === 'UNAUTHENTICATED')
            mismatches.push(`${op.name} as ${who}: refused (${anyCode})`);
        } else {
          const expected = caller.role === null ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          if (code !== expected)
            mismatches.push(`${op.name} as ${who}: expected ${expected}, got ${anyCode ?? 'success'}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
