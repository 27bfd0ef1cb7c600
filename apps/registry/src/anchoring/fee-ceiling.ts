import type { Logger } from 'pino';
import { feesForNew, feesForReplacement, type FeeDecision, type Fees } from '@signet/domain';

/** The gauge `signet_anchor_fee_capped`, as far as this class needs it. */
export interface FeeCappedGauge {
  set(value: number): void;
}

/** Stands for "a new transaction" among the ids of held replacements. */
const NEW_TX = 'new';

/**
 * The operator's ceiling on maxFeePerGas (`ANCHOR_MAX_FEE_PER_GAS_GWEI`) applied to every
 * signature, with the rules in `feesForNew` / `feesForReplacement`. It also remembers what
 * the ceiling is holding back, so an operator hears of it once (a warning, and the gauge at
 * 1) rather than at every round, and again when it lets go.
 */
export class FeeCeiling {
  /** NEW_TX and/or chain_transactions ids whose sending the ceiling holds back. */
  private readonly held = new Set<string>();

  constructor(
    readonly maxFeePerGas: bigint | null,
    private readonly gauge: FeeCappedGauge,
    private readonly logger: Logger,
  ) {
    gauge.set(0);
  }

  forNew(network: Fees): Fees | null {
    return this.settle(NEW_TX, feesForNew(network, this.maxFeePerGas), network);
  }

  forReplacement(txId: string, nonce: number, previous: Fees, network: Fees): Fees | null {
    return this.settle(txId, feesForReplacement(previous, network, this.maxFeePerGas), network, {
      nonce,
      previousMaxFeePerGas: previous.maxFeePerGas.toString(),
    });
  }

  /** Forgets held replacements of transactions no longer waiting to be mined (mined, dropped…). */
  retain(waitingTxIds: readonly string[]): void {
    const waiting = new Set(waitingTxIds);
    for (const id of this.held) if (id !== NEW_TX && !waiting.has(id)) this.release(id);
  }

  private settle(
    key: string,
    decision: FeeDecision,
    network: Fees,
    context: Record<string, unknown> = {},
  ): Fees | null {
    if (decision.kind === 'send') {
      this.release(key);
      return decision.fees;
    }
    if (!this.held.has(key)) {
      this.held.add(key);
      this.gauge.set(1);
      this.logger.warn(
        {
          ...context,
          reason: decision.reason,
          ceilingWei: this.maxFeePerGas?.toString(),
          networkMaxFeePerGas: network.maxFeePerGas.toString(),
        },
        key === NEW_TX
          ? 'network fees are above ANCHOR_MAX_FEE_PER_GAS_GWEI; new anchoring transactions wait'
          : 'a replacement within ANCHOR_MAX_FEE_PER_GAS_GWEI would be underpriced; the stuck transaction keeps waiting',
      );
    }
    return null;
  }

  private release(key: string): void {
    if (!this.held.delete(key)) return;
    if (this.held.size === 0) this.gauge.set(0);
    this.logger.info(
      { released: key === NEW_TX ? 'new transactions' : `replacement of ${key}` },
      'no longer held back by ANCHOR_MAX_FEE_PER_GAS_GWEI',
    );
  }
}
