import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { decidePolicy } from './decide-policy';
import { reasonCodes, type PolicyDecision } from './policy-decision';
import type { PolicyInput } from './policy-input';
import type { CompiledPolicyPack, DisclosureMode, PolicyOutcome } from './policy-pack';

/** One case of a pack's tests.json: an input and the decision it must get. */
export interface PolicyTestCase {
  name: string;
  input: PolicyInput;
  expect: {
    outcome: PolicyOutcome;
    reasons: string[];
    rules?: string[];
    disclosure?: DisclosureMode;
    error?: string;
  };
}

export interface PolicyTestResult {
  name: string;
  ok: boolean;
  got: ReturnType<typeof decisionSummary> | { error: string };
}

function bad(path: string, message: string): DomainError {
  return new DomainError(ErrorCode.InvalidPolicyPack, `${path}: ${message}`, { path });
}

/** tests.json: `{ "cases": [{ name, input: { deal, parties?, parent?, mandateExceeded? }, expect }] }`. */
export function parsePolicyTests(text: string): PolicyTestCase[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw bad('tests.json', 'is not JSON');
  }
  const cases = (parsed as { cases?: unknown })?.cases;
  if (!Array.isArray(cases) || cases.length === 0)
    throw bad('tests.json/cases', 'must list at least one case');
  return cases.map((raw, index) => {
    const path = `tests.json/cases/${index}`;
    const c = raw as Partial<PolicyTestCase> & { input?: Partial<PolicyInput> };
    if (typeof c?.name !== 'string' || c.name === '') throw bad(`${path}/name`, 'every case needs a name');
    const deal = c.input?.deal;
    if (typeof deal !== 'object' || deal === null) throw bad(`${path}/input/deal`, 'must be an object');
    const expected = c.expect;
    if (
      !expected ||
      (expected.error === undefined && !['allow', 'escalate', 'refuse'].includes(expected.outcome))
    )
      throw bad(`${path}/expect/outcome`, 'must be allow, escalate or refuse');
    return {
      name: c.name,
      input: {
        deal,
        parties: c.input?.parties ?? [],
        parent: c.input?.parent ?? null,
        mandateExceeded: c.input?.mandateExceeded ?? false,
      },
      expect: { ...expected, reasons: expected.reasons ?? [] },
    };
  });
}

/** The answer `policy check` prints and a test case compares: outcome, reason codes, rules, disclosure. */
export function decisionSummary(decision: PolicyDecision): {
  outcome: PolicyOutcome;
  reasons: string[];
  rules: string[];
  disclosure: DisclosureMode;
} {
  return {
    outcome: decision.outcome,
    reasons: reasonCodes(decision),
    rules: decision.rules,
    disclosure: decision.disclosure ?? 'hashed',
  };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/** Runs every case against the pack alone; a case passes when outcome and reasons (and rules and disclosure, if given) match. */
export function runPolicyTests(pack: CompiledPolicyPack, cases: PolicyTestCase[]): PolicyTestResult[] {
  return cases.map(({ name, input, expect }) => {
    let got: PolicyTestResult['got'];
    try {
      got = decisionSummary(decidePolicy([pack], input));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      got = { error: error.code };
    }
    const ok =
      'error' in got
        ? expect.error === got.error
        : expect.error === undefined &&
          got.outcome === expect.outcome &&
          sameSet(got.reasons, expect.reasons) &&
          (expect.rules === undefined || sameSet(got.rules, expect.rules)) &&
          (expect.disclosure === undefined || got.disclosure === expect.disclosure);
    return { name, ok, got };
  });
}
