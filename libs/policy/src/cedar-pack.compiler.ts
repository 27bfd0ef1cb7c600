import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import {
  DomainError,
  ErrorCode,
  PolicyPackCompiler,
  typeKey,
  type CompiledPolicyPack,
  type PolicyPackData,
  type PolicyPackFiles,
} from '@signet/domain';
import { policyPackHash } from '@signet/formats';
import { CedarRules, CedarRulesError } from './cedar-rules';
import { PACK_SCHEMA } from './pack.schema';

const FILE_NAME = /^(pack\.json|tests\.json|README\.md|[A-Za-z0-9][A-Za-z0-9._-]{0,63}\.cedar)$/;

function invalid(path: string, message: string): DomainError {
  return new DomainError(ErrorCode.InvalidPolicyPack, `${path}: ${message}`, { path });
}

function problemsOf(errors: ErrorObject[] | null | undefined, prefix: string) {
  return (errors ?? []).map((error) => ({
    path: `${prefix}${error.instancePath.replaceAll('/', '.')}`,
    message: error.message ?? 'is not valid',
  }));
}

/** Packs as data (pack.json checked by its JSON Schema) and rules (Cedar); the engine's adapter. */
export class CedarPolicyPackCompiler extends PolicyPackCompiler {
  private readonly ajv = new Ajv({ allErrors: false, strict: false });
  private readonly validatePack: ValidateFunction = this.ajv.compile(PACK_SCHEMA);

  /** `memoCapacity`: answers each pack remembers (decision-memo.ts); 0 measures the engine alone. */
  constructor(private readonly memoCapacity = 1024) {
    super();
  }

  compile(files: PolicyPackFiles): CompiledPolicyPack {
    for (const name of Object.keys(files)) {
      if (!FILE_NAME.test(name))
        throw invalid(name, 'a pack holds pack.json, tests.json, *.cedar and README.md only');
    }
    if (files['pack.json'] === undefined) throw invalid('pack.json', 'is missing');
    if (files['tests.json'] === undefined)
      throw invalid('tests.json', 'is missing: every pack ships its test cases');
    let data: unknown;
    try {
      data = JSON.parse(files['pack.json']);
    } catch {
      throw invalid('pack.json', 'is not JSON');
    }
    if (!this.validatePack(data)) {
      const [problem] = problemsOf(this.validatePack.errors, 'pack.json');
      throw invalid(problem.path, problem.message);
    }
    const pack = data as PolicyPackData;
    const hash = policyPackHash(files);
    const termsValidators = this.termsValidators(pack);
    let rules: CedarRules;
    try {
      rules = CedarRules.compile(
        hash,
        Object.keys(files)
          .filter((name) => name.endsWith('.cedar'))
          .sort()
          .map((name) => ({ name, text: files[name] })),
        this.memoCapacity,
      );
    } catch (error) {
      if (error instanceof CedarRulesError) throw invalid(error.path, error.message);
      throw error;
    }
    return {
      hash,
      data: pack,
      rules: rules.rules,
      evaluate: (context) => rules.evaluate(context),
      termsProblems: (type, terms) => {
        const validate = termsValidators.get(typeKey(type));
        if (!validate || validate(terms)) return [];
        return problemsOf(validate.errors, 'terms');
      },
    };
  }

  private termsValidators(pack: PolicyPackData): Map<string, ValidateFunction> {
    const validators = new Map<string, ValidateFunction>();
    for (const [type, schema] of Object.entries(pack.termsSchemas ?? {})) {
      try {
        validators.set(typeKey(type), this.ajv.compile(schema));
      } catch (error) {
        throw invalid(`pack.json.termsSchemas.${type}`, (error as Error).message);
      }
    }
    return validators;
  }
}
