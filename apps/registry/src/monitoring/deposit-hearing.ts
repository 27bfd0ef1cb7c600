import { DomainError, type DepositCommand, type DepositItemResult } from '@signet/domain';
import type { BehaviourMonitor } from './behaviour-monitor';

interface DealMetadata {
  type?: unknown;
  currency?: unknown;
  value?: unknown;
  jurisdictions?: unknown;
  parties?: unknown;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * Tells the monitor what a deposit call did: how many deposits and refusals (the rates),
 * and each new deal (value, counter-parties, type, jurisdictions). The metadata was
 * checked by the deposit already; read again here, as data, it costs microseconds.
 */
export function hearDeposits(
  monitor: BehaviourMonitor,
  depositorId: string,
  commands: DepositCommand[],
  results: DepositItemResult[],
  at = Date.now(),
): void {
  let refused = 0;
  for (const [index, result] of results.entries()) {
    if ('error' in result) {
      refused++;
      continue;
    }
    if (result.outcome.replayed) continue;
    let metadata: DealMetadata;
    try {
      metadata = JSON.parse(commands[index].metadata) as DealMetadata;
    } catch {
      continue;
    }
    monitor.recordDeal(
      depositorId,
      {
        type: typeof metadata.type === 'string' ? metadata.type : '',
        currency: typeof metadata.currency === 'string' ? metadata.currency : null,
        value: typeof metadata.value === 'string' ? metadata.value : null,
        jurisdictions: strings(metadata.jurisdictions),
        parties: strings(metadata.parties),
        pendingRatification: result.outcome.status === 'PENDING_RATIFICATION',
      },
      at,
    );
  }
  monitor.record(depositorId, { kind: 'deposits', at, count: commands.length, refused });
}

/** The single deposit's refusal, heard as a call of one refused deposit. */
export function hearRefusedDeposit(monitor: BehaviourMonitor, depositorId: string, error: unknown): void {
  if (error instanceof DomainError) {
    monitor.record(depositorId, { kind: 'deposits', at: Date.now(), count: 1, refused: 1 });
  }
}
