import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import type { PolicyPackCompiler, PolicyPackFiles } from '../ports/policy-pack-compiler.port';
import type { CompiledPolicyPack } from './policy-pack';
import { parsePolicyTests, runPolicyTests, type PolicyTestResult } from './policy-tests';

/**
 * What publishing checks, the same in the CLI and the service: the data part against its
 * schema, the rules' syntax, then every test case of the pack. The first failing case
 * refuses the pack, by name, with what it got.
 */
export function vetPolicyPack(
  compiler: PolicyPackCompiler,
  files: PolicyPackFiles,
): { pack: CompiledPolicyPack; results: PolicyTestResult[] } {
  const pack = compiler.compile(files);
  const results = runPolicyTests(pack, parsePolicyTests(files['tests.json']));
  const failed = results.find((result) => !result.ok);
  if (failed) {
    throw new DomainError(
      ErrorCode.PolicyTestFailed,
      `test case "${failed.name}" fails: got ${JSON.stringify(failed.got)}`,
      { path: 'tests.json', case: failed.name, got: failed.got },
    );
  }
  return { pack, results };
}
