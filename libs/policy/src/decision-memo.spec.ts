import type { PolicyContext, RuleEvaluation } from '@signet/domain';
import { CedarRules } from './cedar-rules';
import { contextReadsOf } from './context-reads';
import { DecisionMemo } from './decision-memo';

// The package root is ESM-only; its CommonJS build is the Node one (as in cedar-rules.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import cedar = require('@cedar-policy/cedar-wasm/nodejs');

function readsOf(...rules: string[]) {
  return contextReadsOf(
    rules.map((rule) => {
      const json = cedar.policyToJson(rule);
      if (json.type === 'failure') throw new Error(rule);
      return json.json;
    }),
  );
}

function draft(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    type: 'SUPPLY',
    jurisdictions: ['DE'],
    currency: 'EUR',
    valueUnits: 10,
    template: '',
    parentType: '',
    partyHomes: ['DE', 'FR'],
    mandateExceeded: false,
    overThreshold: false,
    novelTerms: false,
    crossBorder: false,
    ndaScopeExceeded: false,
    ...overrides,
  };
}

describe('contextReadsOf', () => {
  it('finds the attributes rules read through `.` and `has`, in every condition', () => {
    const reads = readsOf(
      'permit (principal, action, resource) when { context.type == "X" && context has novelTerms };',
      'forbid (principal, action, resource) unless { context.partyHomes.contains("DE") };',
    );
    expect(reads && [...reads].sort()).toEqual(['novelTerms', 'partyHomes', 'type']);
  });

  it('gives up (undefined) when a rule uses the context as a whole value', () => {
    expect(readsOf('permit (principal, action, resource) when { context == {} };')).toBeUndefined();
  });

  it('reads nothing for a rule without conditions', () => {
    expect(readsOf('permit (principal, action, resource);')).toEqual(new Set());
  });
});

describe('DecisionMemo', () => {
  const fired = (rule: string): RuleEvaluation => ({ fired: [rule], errors: [] });

  it('asks the engine once per combination of the attributes read, whatever else differs', () => {
    const memo = new DecisionMemo(new Set(['type']));
    const engine = jest.fn(() => fired('r'));
    memo.answer(draft({ valueUnits: 1 }), engine);
    memo.answer(draft({ valueUnits: 2, partyHomes: ['US'] }), engine);
    expect(engine).toHaveBeenCalledTimes(1);
    memo.answer(draft({ type: 'NDA' }), engine);
    expect(engine).toHaveBeenCalledTimes(2);
  });

  it('forgets the oldest answer past its capacity, and never remembers an answer with errors', () => {
    const memo = new DecisionMemo(new Set(['valueUnits']), 2);
    const engine = jest.fn((context: PolicyContext) => fired(String(context.valueUnits)));
    for (const valueUnits of [1, 2, 3]) memo.answer(draft({ valueUnits }), engine);
    memo.answer(draft({ valueUnits: 1 }), engine);
    expect(engine).toHaveBeenCalledTimes(4);

    const failing = jest.fn(() => ({ fired: [], errors: [{ rule: '*', message: 'boom' }] }));
    memo.answer(draft({ valueUnits: 9 }), failing);
    memo.answer(draft({ valueUnits: 9 }), failing);
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('calls the engine every time when the reads are unknown', () => {
    const memo = new DecisionMemo(undefined);
    const engine = jest.fn(() => fired('r'));
    memo.answer(draft(), engine);
    memo.answer(draft(), engine);
    expect(engine).toHaveBeenCalledTimes(2);
  });
});

describe('CedarRules with the memo', () => {
  it('answers as the engine does when the value a rule reads changes', () => {
    const rules = CedarRules.compile('memo-spec', [
      {
        name: 'rules.cedar',
        text: '@id("big") @reason("THRESHOLD") permit (principal, action, resource) when { context.valueUnits > 100 };',
      },
    ]);
    expect(rules.evaluate(draft({ valueUnits: 50 })).fired).toEqual([]);
    expect(rules.evaluate(draft({ valueUnits: 500 })).fired).toEqual(['big']);
    expect(rules.evaluate(draft({ valueUnits: 50, type: 'NDA' })).fired).toEqual([]);
    const answer = rules.evaluate(draft({ valueUnits: 500 }));
    answer.fired.push('mutated by a caller');
    expect(rules.evaluate(draft({ valueUnits: 500 })).fired).toEqual(['big']);
  });
});
