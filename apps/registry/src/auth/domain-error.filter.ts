import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, ErrorCode } from '@signet/domain';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.CredentialRevoked]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.CredentialExpired]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.BadInput]: HttpStatus.BAD_REQUEST,
};

/**
 * A refusal on an HTTP route (a guard's, typically) keeps its code: `{ code, message }`
 * with a fitting status. In GraphQL the error goes on to the GraphQL error formatter.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): DomainError | void {
    if (host.getType() !== 'http') return error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply
      .status(STATUS[error.code] ?? HttpStatus.UNPROCESSABLE_ENTITY)
      .send({ code: error.code, message: error.message });
  }
}
