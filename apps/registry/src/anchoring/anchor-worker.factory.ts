import type { Logger } from 'pino';
import type { ChainWriter } from '@signet/domain';
import type { SignetConfig } from '@signet/config';
import {
  AnchorEffectsRepository,
  ChainTxRepository,
  LeaderLock,
  OutboxRepository,
  ServiceFindingsRepository,
  type TransactionRunner,
} from '@signet/persistence';
import type { SignetMetrics } from '../observability/metrics';
import { AnchorWorker } from './anchor-worker';
import { FeeCeiling } from './fee-ceiling';
import { FinalityWatch } from './finality-watch';
import { OutboxDrainer } from './outbox-drainer';
import { TxReconciler } from './tx-reconciler';
import { TxSigner } from './tx-signer';

/** The knobs, all from SignetConfig (docs/ANCHORING.md lists them). */
export type AnchorSettings = Pick<
  SignetConfig,
  | 'confirmations'
  | 'anchorBatchSize'
  | 'anchorIntervalMs'
  | 'anchorFeeBumpAfterMs'
  | 'anchorMaxFeePerGasWei'
  | 'tsaUrl'
>;

export interface AnchorWorkerParts {
  database: TransactionRunner;
  /** For the leader lock's own session, apart from the pool. */
  databaseUrl: string;
  /** The chain, through the anchoring key (the only holder of it). */
  chain: ChainWriter;
  settings: AnchorSettings;
  metrics: SignetMetrics;
  logger: Logger;
}

/** Unconfirmed transactions allowed at once; beyond it the worker waits for the chain. */
const MAX_OPEN_TXS = 64;

/** One block-hash lookup this often is cheap, and catches a deep reorg within a block or two. */
const FINALITY_WATCH_MS = 1000;

/** Wires the worker from plain parts, so the Nest module, the standalone entry and tests build it the same way. */
export function createAnchorWorker(parts: AnchorWorkerParts): AnchorWorker {
  const { database, settings, logger } = parts;
  const { chain } = parts;
  const lock = new LeaderLock(parts.databaseUrl, logger);
  const txs = new ChainTxRepository();
  const outbox = new OutboxRepository();
  const effects = new AnchorEffectsRepository();
  const ceiling = new FeeCeiling(
    settings.anchorMaxFeePerGasWei ?? null,
    parts.metrics.anchorFeeCapped,
    logger,
  );
  const signer = new TxSigner(chain, txs, lock, ceiling, logger);
  const reconciler = new TxReconciler(
    database,
    chain,
    txs,
    outbox,
    effects,
    signer,
    ceiling,
    {
      confirmations: settings.confirmations,
      bumpAfterMs: settings.anchorFeeBumpAfterMs,
      timestamps: settings.tsaUrl !== undefined,
    },
    logger,
  );
  const drainer = new OutboxDrainer(
    database,
    outbox,
    txs,
    effects,
    signer,
    chain,
    { maxSize: settings.anchorBatchSize, maxWaitMs: settings.anchorIntervalMs, maxOpenTxs: MAX_OPEN_TXS },
    logger,
  );
  // A tick well under the batch interval keeps the time bound tight without busy polling.
  const tickMs = Math.max(20, Math.min(250, Math.floor(settings.anchorIntervalMs / 4)));
  const finality = new FinalityWatch(
    database,
    chain,
    txs,
    effects,
    parts.metrics.anchorDeepReorgs,
    logger,
    new ServiceFindingsRepository(),
    settings.confirmations,
  );
  return new AnchorWorker(
    lock,
    reconciler,
    drainer,
    finality,
    parts.metrics,
    { tickMs, leaderRetryMs: 1000, finalityWatchMs: FINALITY_WATCH_MS },
    logger,
  );
}
