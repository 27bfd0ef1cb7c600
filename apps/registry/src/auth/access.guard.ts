import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, ErrorCode, type Caller } from '@signet/domain';
import { allows, policyFor } from './authorization-matrix';
import { BEARER_STRATEGY, bearerToken } from './bearer.strategy';
import { operationOf, type OperationTarget } from './graphql-operation';
import { IS_PUBLIC } from './public.decorator';
import { isUnavailable } from '../graphql/unavailable-error';

/**
 * The global guard: default deny. A GraphQL operation is decided by the authorisation
 * matrix (absent = refused for all); an HTTP route must be marked @Public() or be called
 * with a live credential. Authentication goes through passport (BearerStrategy), which
 * leaves the Caller on the request for @CurrentCaller().
 */
@Injectable()
export class AccessGuard extends AuthGuard(BEARER_STRATEGY) {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const target = operationOf(context);
    if (target.kind === 'http') {
      const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ]);
      if (!isPublic) await this.authenticate(context, target);
      return true;
    }
    // A nested field resolver belongs to a root operation that was already decided.
    if (!target.root) return true;
    const policy = policyFor(target.name);
    if (policy === undefined) {
      throw new DomainError(ErrorCode.Forbidden, `operation ${target.name} has no authorisation decision`);
    }
    if (policy === 'public') return true;
    const caller = await this.authenticate(context, target);
    if (!allows(policy, caller.role)) {
      throw new DomainError(ErrorCode.Forbidden, `the ${caller.role} role may not call ${target.name}`);
    }
    return true;
  }

  override getRequest(context: ExecutionContext): OperationTarget['req'] {
    return operationOf(context).req;
  }

  getResponse(context: ExecutionContext): OperationTarget['res'] {
    return operationOf(context).res;
  }

  /** Passport hands over what the strategy threw; keep its code rather than a generic 401. */
  override handleRequest<TUser = Caller>(error: unknown, user: unknown): TUser {
    if (error instanceof DomainError) throw error;
    // The credential could not be looked up (the database is down): not the caller's fault,
    // and not a reason to log in again.
    if (isUnavailable(error)) {
      throw new DomainError(
        ErrorCode.Unavailable,
        'cannot check credentials right now; send the request again later',
      );
    }
    if (error || !user) throw new DomainError(ErrorCode.Unauthenticated, 'authentication failed');
    return user as TUser;
  }

  private async authenticate(context: ExecutionContext, target: OperationTarget): Promise<Caller> {
    // Several root fields of one request share it: authenticate once.
    if (target.req.user) return target.req.user;
    bearerToken(target.req.headers.authorization);
    await super.canActivate(context);
    const caller = target.req.user;
    if (!caller) throw new DomainError(ErrorCode.Unauthenticated, 'authentication failed');
    return caller;
  }
}
