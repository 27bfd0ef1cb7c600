import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@signet/domain';
import { AccessGuard } from './access.guard';

function graphqlContext(
  fieldName: string,
  parentType = 'Mutation',
  authorization?: string,
): ExecutionContext {
  const args = [
    {},
    {},
    { req: { headers: authorization ? { authorization } : {} }, reply: {} },
    { fieldName, parentType: { name: parentType } },
  ];
  return {
    getType: () => 'graphql',
    getArgs: () => args,
    getArgByIndex: (index: number) => args[index],
    getHandler: () => () => undefined,
    getClass: () => class {},
    switchToHttp: () => {
      throw new Error('not http');
    },
  } as unknown as ExecutionContext;
}

async function refusal(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
}

describe('AccessGuard', () => {
  const guard = new AccessGuard(new Reflector());

  it('refuses an operation that has no entry in the matrix, even with a token (default deny)', async () => {
    expect(await refusal(guard.canActivate(graphqlContext('someFutureOperation')))).toBe(ErrorCode.Forbidden);
    expect(await refusal(guard.canActivate(graphqlContext('someFutureOperation', 'Query', 'Bearer x')))).toBe(
      ErrorCode.Forbidden,
    );
  });

  it('lets public operations through without a credential', async () => {
    await expect(guard.canActivate(graphqlContext('status', 'Query'))).resolves.toBe(true);
  });

  it('asks for a credential on any other operation', async () => {
    expect(await refusal(guard.canActivate(graphqlContext('issueCredential')))).toBe(
      ErrorCode.Unauthenticated,
    );
  });

  it('leaves nested fields to their root operation', async () => {
    await expect(guard.canActivate(graphqlContext('signatures', 'Agreement'))).resolves.toBe(true);
  });
});
