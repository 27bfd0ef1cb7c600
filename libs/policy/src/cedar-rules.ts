import type { PolicyContext, PolicyRule, RuleEvaluation } from '@signet/domain';
import { contextReadsOf } from './context-reads';
import { DecisionMemo } from './decision-memo';

// The package root is ESM-only; its CommonJS build is the Node one (cedar-wasm 4.13 on Node 20).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import cedar = require('@cedar-policy/cedar-wasm/nodejs');

const REASON = /^[A-Z][A-Z0-9_]{1,63}$/;
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class CedarRulesError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function errorText(errors: Array<{ message: string }>): string {
  return errors.map((error) => error.message).join('; ');
}

/**
 * A pack's Cedar rules, parsed and handed to the engine once (preparsed under the pack's
 * hash); each decision is then one stateful call. Every rule names itself with `@id`, so
 * the engine's answer names rules as their authors do.
 */
export class CedarRules {
  private constructor(
    private readonly setId: string,
    readonly rules: ReadonlyMap<string, PolicyRule>,
    private readonly memo: DecisionMemo,
  ) {}

  /** `memoCapacity`: how many answers to remember (0: ask the engine every time). */
  static compile(setId: string, files: Array<{ name: string; text: string }>, memoCapacity = 1024): CedarRules {
    const rules = new Map<string, PolicyRule>();
    const texts: Record<string, string> = {};
    const conditions: Array<{ conditions?: unknown }> = [];
    for (const { name, text } of files) {
      const parts = cedar.policySetTextToParts(text);
      if (parts.type === 'failure') throw new CedarRulesError(name, errorText(parts.errors));
      if (parts.policy_templates.length > 0) throw new CedarRulesError(name, 'templates are not supported');
      for (const [index, policy] of parts.policies.entries()) {
        const json = cedar.policyToJson(policy);
        if (json.type === 'failure') throw new CedarRulesError(name, errorText(json.errors));
        const annotations = (json.json.annotations ?? {}) as Record<string, string | null>;
        const id = annotations.id;
        const where = `${name}#${index}`;
        if (!id || !RULE_ID.test(id))
          throw new CedarRulesError(where, 'every rule needs an @id("…") of letters, digits, . _ -');
        if (rules.has(id)) throw new CedarRulesError(where, `rule id ${id} is used twice`);
        const reason = annotations.reason ?? null;
        if (reason !== null && !REASON.test(reason))
          throw new CedarRulesError(
            where,
            `@reason must be an upper-case code such as THRESHOLD, not ${reason}`,
          );
        rules.set(id, { id, effect: json.json.effect, reason });
        conditions.push(json.json);
        texts[id] = policy;
      }
    }
    const prepared = cedar.preparsePolicySet(setId, { staticPolicies: texts });
    if (prepared.type === 'failure') throw new CedarRulesError('*.cedar', errorText(prepared.errors));
    return new CedarRules(setId, rules, new DecisionMemo(contextReadsOf(conditions), memoCapacity));
  }

  evaluate(context: PolicyContext): RuleEvaluation {
    if (this.rules.size === 0) return { fired: [], errors: [] };
    const { fired, errors } = this.memo.answer(context, (given) => this.decide(given));
    return { fired: [...fired], errors: [...errors] };
  }

  /** One call of the engine. */
  private decide(context: PolicyContext): RuleEvaluation {
    const answer = cedar.statefulIsAuthorized({
      principal: { type: 'Signet::Depositor', id: 'depositor' },
      action: { type: 'Signet::Action', id: 'deposit' },
      resource: { type: 'Signet::Agreement', id: 'draft' },
      context,
      entities: [],
      preparsedPolicySetId: this.setId,
    });
    if (answer.type === 'failure') {
      return { fired: [], errors: [{ rule: '*', message: errorText(answer.errors) }] };
    }
    const { reason, errors } = answer.response.diagnostics;
    // A deny names only the forbids that fired; permits are then moot (refuse wins anyway).
    return {
      fired: [...reason].sort(),
      errors: errors.map((error) => ({ rule: error.policyId, message: error.error.message })),
    };
  }
}
