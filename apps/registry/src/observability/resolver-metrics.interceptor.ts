import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Observable } from 'rxjs';
import { SignetMetrics } from './metrics';

/** Counts each root GraphQL field as its resolver is about to run (interceptors follow the guards). */
@Injectable()
export class ResolverMetricsInterceptor implements NestInterceptor {
  constructor(@Inject(SignetMetrics) private readonly metrics: SignetMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() === 'graphql') {
      const info = GqlExecutionContext.create(context).getInfo<{ fieldName: string }>();
      this.metrics.graphqlResolverCalls.inc({ field: info.fieldName });
    }
    return next.handle();
  }
}
