import type { PolicyContext, RuleEvaluation } from '@signet/domain';
import type { ContextReads } from './context-reads';

/**
 * The engine's answers for a pack, keyed by the context attributes its rules read.
 *
 * Why: a Cedar call costs ~0.15 ms of CPU (the context crosses into WebAssembly as JSON), and
 * with the three example packs deciding a deposit that was +21% API CPU per deposit in
 * `BENCH_AB_PACKS=EU,US,SG npm run bench:deposit:ab` (3.29 → 3.98 ms, docs/DECISIONS.md).
 * Bounded: past `capacity` keys the oldest is forgotten, so a pack whose rules read the
 * value itself only ever costs the memory of `capacity` answers.
 */
export class DecisionMemo {
  private readonly answers = new Map<string, RuleEvaluation>();

  constructor(
    private readonly reads: ContextReads,
    private readonly capacity = 1024,
  ) {}

  answer(context: PolicyContext, evaluate: (context: PolicyContext) => RuleEvaluation): RuleEvaluation {
    if (this.reads === undefined || this.capacity === 0) return evaluate(context);
    const key = JSON.stringify([...this.reads].map((attr) => context[attr] ?? null));
    const known = this.answers.get(key);
    if (known) return known;
    const answer = evaluate(context);
    // An engine error may be transient; only clean answers are remembered.
    if (answer.errors.length === 0) this.remember(key, answer);
    return answer;
  }

  private remember(key: string, answer: RuleEvaluation): void {
    if (this.answers.size >= this.capacity) {
      const oldest = this.answers.keys().next().value;
      if (oldest !== undefined) this.answers.delete(oldest);
    }
    this.answers.set(key, answer);
  }
}
