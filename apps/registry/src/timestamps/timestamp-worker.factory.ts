import type { Logger } from 'pino';
import type { SignetConfig } from '@signet/config';
import type { BatchTimestampStore } from '@signet/domain';
import type { SignetMetrics } from '../observability/metrics';
import { Rfc3161Authority } from './rfc3161.authority';
import { TimestampWorker } from './timestamp.worker';

export interface TimestampWorkerDeps {
  settings: Pick<SignetConfig, 'tsaUrl' | 'tsaTimeoutMs' | 'tsaCertChain'>;
  store: BatchTimestampStore;
  metrics: SignetMetrics;
  /** Whether this process leads anchoring: only the leader asks the TSA, so replicas do not ask twice. */
  isLeader: () => boolean;
  logger: Logger;
}

/**
 * The timestamp worker that goes beside an anchor worker, or null without TSA_URL. One
 * place for the service's worker role and the standalone anchor worker alike: the anchor
 * worker marks each recorded root as wanting a token whenever TSA_URL is set, so whoever
 * runs it must also run this, or the roots wait for ever.
 */
export function createTimestampWorker(deps: TimestampWorkerDeps): TimestampWorker | null {
  const { settings, metrics } = deps;
  if (settings.tsaUrl === undefined) return null;
  return new TimestampWorker(
    deps.store,
    new Rfc3161Authority(settings.tsaUrl, settings.tsaTimeoutMs, settings.tsaCertChain),
    { failures: metrics.timestampFailures, tokens: metrics.timestampTokens },
    deps.isLeader,
    { tickMs: 1000, batch: 20 },
    deps.logger.child({ part: 'timestamp-worker' }),
  );
}
