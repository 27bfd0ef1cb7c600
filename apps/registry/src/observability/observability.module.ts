import { Global, Module } from '@nestjs/common';
import { SignetMetrics } from './metrics';

/** One metrics registry for the whole process. */
@Global()
@Module({ providers: [SignetMetrics], exports: [SignetMetrics] })
export class ObservabilityModule {}
