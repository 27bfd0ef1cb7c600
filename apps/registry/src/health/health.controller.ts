import { Controller, Get, Header, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { BlobStore, DatabaseHealth } from '@signet/domain';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { SignetMetrics } from '../observability/metrics';
import { Public } from '../auth/public.decorator';

/** How long one dependency may take to answer before it counts as down. */
const PROBE_TIMEOUT_MS = 3000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS),
    ),
  ]);
}

@Controller()
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(DatabaseHealth) private readonly database: DatabaseHealth,
    @Inject(BlobStore) private readonly blobs: BlobStore,
    @Inject(ChainGateway) private readonly chain: ChainGateway,
    @Inject(SignetMetrics) private readonly metrics: SignetMetrics,
  ) {}

  @Get('healthz')
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.probe('database', async () => (await this.database.ping(), {})),
      () => this.probe('storage', async () => (await this.blobs.ping(), {})),
      () =>
        this.probe('chain', async () => ({
          blockNumber: await this.chain.blockNumber(),
          chainId: this.chain.chainId,
        })),
    ]);
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  private async probe(key: string, work: () => Promise<Record<string, unknown>>) {
    const session = this.indicators.check(key);
    try {
      return session.up(await withTimeout(work()));
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
