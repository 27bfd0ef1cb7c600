import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, ErrorCode, type Caller } from '@signet/domain';
import { operationOf } from './graphql-operation';

/**
 * The authenticated caller of this operation, as the access guard established it
 * (credential checked live in the database on this very request). Use it in every
 * non-public resolver and pass it to the use case, which scopes by it:
 *
 *   async agreement(@CurrentCaller() caller: Caller, @Args('id') id: string) { … }
 */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = operationOf(context).req.user;
  // Only reachable if an operation is public in the matrix yet asks for a caller.
  if (!caller) throw new DomainError(ErrorCode.Unauthenticated, 'this operation needs a credential');
  return caller;
});

/** For public operations that behave differently for a known caller: null when anonymous. */
export const OptionalCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller | null => operationOf(context).req.user ?? null,
);
