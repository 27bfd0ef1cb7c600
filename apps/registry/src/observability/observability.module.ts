import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SignetMetrics } from './metrics';
import { ResolverMetricsInterceptor } from './resolver-metrics.interceptor';

/** One metrics registry for the whole process. */
@Global()
@Module({
  providers: [SignetMetrics, { provide: APP_INTERCEPTOR, useClass: ResolverMetricsInterceptor }],
  exports: [SignetMetrics],
})
export class ObservabilityModule {}
