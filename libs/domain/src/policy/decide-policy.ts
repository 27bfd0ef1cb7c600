import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import {
  dataFindings,
  disclosureFor,
  foreignHomes,
  isNovelTerms,
  isOverThreshold,
  typeKey,
} from './data-checks';
import { dealCategories, ndaScopeExcesses, parseConfidentiality } from './nda-scope';
import { combineFindings, PolicyReason, type PolicyDecision, type PolicyFinding } from './policy-decision';
import type { PolicyInput } from './policy-input';
import { packApplies, type CompiledPolicyPack, type PolicyAction, type PolicyContext } from './policy-pack';

const MAX_LONG = Number.MAX_SAFE_INTEGER;

function valueUnits(value: string | undefined): number {
  if (value === undefined) return -1;
  const units = Number(value.split('.')[0]);
  return Number.isSafeInteger(units) ? units : MAX_LONG;
}

function contextFor(pack: CompiledPolicyPack, input: PolicyInput, ndaScopeExceeded: boolean): PolicyContext {
  const { deal } = input;
  const template = deal.terms?.template;
  return {
    type: typeKey(deal.type),
    jurisdictions: deal.jurisdictions,
    currency: deal.currency ?? '',
    valueUnits: valueUnits(deal.value),
    template: typeof template === 'string' ? template : '',
    parentType: input.parent ? typeKey(input.parent.type) : '',
    partyHomes: input.parties.flatMap(({ home }) => (home === null ? [] : [home])),
    mandateExceeded: input.mandateExceeded,
    overThreshold: isOverThreshold(pack.data, input),
    novelTerms: isNovelTerms(pack.data, input),
    crossBorder: foreignHomes(pack.data, input).length > 0,
    ndaScopeExceeded,
  };
}

/** Terms a deposit must get right before anything is decided: each problem is INVALID_TERMS with its path. */
export function checkPolicyTerms(packs: CompiledPolicyPack[], input: PolicyInput): void {
  parseConfidentiality(input.deal.terms);
  for (const pack of packs) {
    const [problem] = pack.termsProblems(input.deal.type, input.deal.terms ?? {});
    if (problem) {
      throw new DomainError(
        ErrorCode.InvalidTerms,
        `${problem.path} ${problem.message} (pack ${pack.data.jurisdiction} ${pack.data.version})`,
        { path: problem.path, pack: pack.hash },
      );
    }
  }
}

/** The scope of the deal's NDA, when its parent is one that declares it. */
function ndaFinding(packs: CompiledPolicyPack[], input: PolicyInput): PolicyFinding | undefined {
  const { parent } = input;
  if (!parent || parent.type.toUpperCase() !== 'NDA') return undefined;
  const confidentiality = parseConfidentiality(parent.terms);
  if (!confidentiality) return undefined;
  const excesses = ndaScopeExcesses(
    { effectiveAt: parent.effectiveAt, confidentiality },
    { effectiveAt: input.deal.effectiveAt, categories: dealCategories(input.deal.terms) },
  );
  if (excesses.length === 0) return undefined;
  // Refused unless every pack that decides says to escalate.
  const actions = packs.map((pack) => pack.data.ndaScope ?? 'refuse');
  const outcome: PolicyAction =
    actions.length > 0 && actions.every((a) => a === 'escalate') ? 'escalate' : 'refuse';
  return {
    outcome,
    code: PolicyReason.NdaScopeExceeded,
    jurisdiction: null,
    rule: 'nda',
    message: excesses.join('; '),
  };
}

function ruleFindings(
  pack: CompiledPolicyPack,
  context: PolicyContext,
): { findings: PolicyFinding[]; fired: string[] } {
  const { jurisdiction } = pack.data;
  const evaluation = pack.evaluate(context);
  const findings: PolicyFinding[] = [];
  for (const id of evaluation.fired) {
    const rule = pack.rules.get(id);
    if (!rule || (rule.effect === 'permit' && rule.reason === null)) continue;
    findings.push({
      outcome: rule.effect === 'forbid' ? 'refuse' : 'escalate',
      code: rule.reason ?? PolicyReason.PolicyRefused,
      jurisdiction,
      rule: id,
      message: `rule ${id} of ${jurisdiction}`,
    });
  }
  // A rule that cannot be evaluated must not pass silently: a human looks at the deal.
  for (const error of evaluation.errors) {
    findings.push({
      outcome: 'escalate',
      code: PolicyReason.PolicyError,
      jurisdiction,
      rule: error.rule,
      message: error.message,
    });
  }
  return { findings, fired: evaluation.fired };
}

/**
 * The decision of every pack that decides for the deal's jurisdictions, combined: refuse
 * beats escalate beats allow and the reasons add up; the metadata is disclosed on chain when
 * any of them says `public` for the deal's type. The same function runs in the
 * service and in `signet policy check`, so both give the same answer for the same input.
 */
export function decidePolicy(packs: CompiledPolicyPack[], input: PolicyInput): PolicyDecision {
  const deciding = packs.filter((pack) => packApplies(pack.data, input.deal.jurisdictions));
  checkPolicyTerms(deciding, input);
  const findings: PolicyFinding[] = [];
  const rules: string[] = [];
  if (input.mandateExceeded) {
    findings.push({
      outcome: 'escalate',
      code: PolicyReason.Mandate,
      jurisdiction: null,
      rule: 'mandate',
      message: "the deal goes beyond an agent's mandate",
    });
  }
  const nda = ndaFinding(deciding, input);
  if (nda) findings.push(nda);
  for (const pack of deciding) {
    const fromData = dataFindings(pack.data, input);
    const fromRules = ruleFindings(pack, contextFor(pack, input, nda !== undefined));
    findings.push(...fromData, ...fromRules.findings);
    const { jurisdiction } = pack.data;
    rules.push(
      ...[...new Set([...fromData.map((f) => f.rule), ...fromRules.fired])].map(
        (id) => `${jurisdiction}:${id}`,
      ),
    );
  }
  const decision = combineFindings(
    findings,
    rules,
    deciding.map((pack) => ({ jurisdiction: pack.data.jurisdiction, hash: pack.hash })),
  );
  // One jurisdiction that makes the deal's metadata public is enough: publishing cannot be undone per reader.
  const disclosed = deciding.some((pack) => disclosureFor(pack.data, input.deal.type) === 'public');
  return disclosed ? { ...decision, disclosure: 'public' } : decision;
}
