import {
  applyMonitoringOverrides,
  DEFAULT_MONITORING_RULES,
  newBehaviourState,
  observeBehaviour,
  recomputeVerdict,
  type BehaviourEvent,
  type BehaviourState,
  type NewFinding,
} from '@signet/domain';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const T0 = Date.UTC(2026, 0, 5);

/** A deterministic stream: `perMinute` events spread evenly over each minute. */
function steadyDeposits(
  state: BehaviourState,
  from: number,
  minutes: number,
  perMinute: number,
): NewFinding[] {
  const out: NewFinding[] = [];
  for (let m = 0; m < minutes; m++) {
    for (let i = 0; i < perMinute; i++) {
      const at = from + m * MINUTE + Math.floor(((i + 0.5) / perMinute) * MINUTE);
      out.push(
        ...observeBehaviour(state, { kind: 'deposits', at, count: 1, refused: 0 }, DEFAULT_MONITORING_RULES),
      );
    }
  }
  return out;
}

const deal = (at: number, over: Partial<Extract<BehaviourEvent, { kind: 'deal' }>> = {}): BehaviourEvent => ({
  kind: 'deal',
  at,
  type: 'supply',
  currency: 'EUR',
  value: '1000',
  jurisdictions: ['DE'],
  counterparties: ['org-globex'],
  counterpartyJurisdictions: ['DE'],
  ...over,
});

describe('behaviour baselines', () => {
  it('learns a steady rate without a finding, then finds a ×5 burst within a minute', () => {
    const state = newBehaviourState();
    expect(steadyDeposits(state, T0, 2 * 1440, 6)).toEqual([]);
    const burstAt = T0 + 2 * DAY;
    const findings = steadyDeposits(state, burstAt, 1, 30);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding.feature).toBe('deposit.rate');
    expect(finding.at - burstAt).toBeLessThan(MINUTE);
    expect(finding.baseline).toMatchObject({ kind: 'rate', source: 'slot' });
    expect((finding.baseline as { expected: number }).expected).toBeCloseTo(6, 0);
    // One burst is one finding: the feature then cools down.
    expect(steadyDeposits(state, burstAt + MINUTE, 2, 30)).toEqual([]);
  });

  it('judges a new credential against the floor, not against nothing', () => {
    const state = newBehaviourState();
    // Under an hour of history the expected rate is at least 20 a minute: 50 is not 3 times it, 100 is.
    expect(steadyDeposits(state, T0, 1, 50)).toEqual([]);
    const findings = steadyDeposits(newBehaviourState(), T0, 1, 100);
    expect(findings.map((f) => [f.feature, (f.baseline as { source: string }).source])).toEqual([
      ['deposit.rate', 'floor'],
    ]);
  });

  it('finds a value 20 times its median, and nothing among ordinary values', () => {
    const state = newBehaviourState();
    const found: NewFinding[] = [];
    for (let i = 0; i < 200; i++) {
      const value = String(Math.round(1000 * Math.exp(0.3 * Math.sin(i * 1.7))));
      found.push(...observeBehaviour(state, deal(T0 + i * MINUTE, { value }), DEFAULT_MONITORING_RULES));
    }
    expect(found).toEqual([]);
    const [finding, ...rest] = observeBehaviour(
      state,
      deal(T0 + DAY, { value: '20000' }),
      DEFAULT_MONITORING_RULES,
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ feature: 'deal.value', key: 'SUPPLY/EUR', action: 'alert' });
    expect(finding.observed).toBeGreaterThan(6);
  });

  it('finds a first counter-party jurisdiction only after the warm-up', () => {
    const state = newBehaviourState();
    const early = observeBehaviour(
      state,
      deal(T0, { counterpartyJurisdictions: ['FR'] }),
      DEFAULT_MONITORING_RULES,
    );
    expect(early).toEqual([]);
    for (let i = 1; i <= 25; i++) observeBehaviour(state, deal(T0 + i * MINUTE), DEFAULT_MONITORING_RULES);
    const findings = observeBehaviour(
      state,
      deal(T0 + DAY, { counterparties: ['org-initech'], counterpartyJurisdictions: ['US'] }),
      DEFAULT_MONITORING_RULES,
    );
    expect(findings.map((f) => [f.feature, f.key])).toEqual([
      ['deal.counterparty', 'org-initech'],
      ['deal.counterpartyJurisdiction', 'US'],
    ]);
  });

  it("recomputes every finding's verdict from what it recorded, and a stricter threshold undoes it", () => {
    const state = newBehaviourState();
    steadyDeposits(state, T0, 1440, 6);
    const rate = steadyDeposits(state, T0 + DAY, 1, 30)[0];
    for (let i = 0; i < 40; i++) observeBehaviour(state, deal(T0 + i * MINUTE), DEFAULT_MONITORING_RULES);
    const [value, ...novel] = observeBehaviour(
      state,
      deal(T0 + DAY, { value: '50000', counterparties: ['org-new'] }),
      DEFAULT_MONITORING_RULES,
    );
    // Through JSON, as the finding is stored and shown.
    for (const finding of [rate, value, ...novel].map((f) => JSON.parse(JSON.stringify(f)) as NewFinding)) {
      expect(recomputeVerdict(finding)).toBe(true);
    }
    expect(recomputeVerdict({ ...rate, threshold: { ...rate.threshold, ratio: 100 } })).toBe(false);
    expect(recomputeVerdict({ ...value, threshold: { ...value.threshold, z: 1000 } })).toBe(false);
  });

  it('takes thresholds from the later override and the strongest action of all', () => {
    const rules = applyMonitoringOverrides(DEFAULT_MONITORING_RULES, [
      { features: { 'deposit.rate': { action: 'suspend', minCount: 50 } } },
      { escalateMinutes: 5, features: { 'deposit.rate': { action: 'escalate', minCount: 20 } } },
    ]);
    expect(rules.rates['deposit.rate']).toMatchObject({ action: 'suspend', minCount: 20, ratio: 3 });
    expect(rules.escalateMinutes).toBe(5);
    expect(rules.rates['refusal.rate'].action).toBe('alert');
    expect(DEFAULT_MONITORING_RULES.rates['deposit.rate'].action).toBe('alert');
  });
});
