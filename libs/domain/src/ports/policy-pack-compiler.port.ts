import type { CompiledPolicyPack } from '../policy/policy-pack';

/** A pack as published: its files by name (pack.json, tests.json, *.cedar, README.md), as UTF-8 text. */
export type PolicyPackFiles = Record<string, string>;

/**
 * Turns a pack's files into a pack that decides: the data part validated against its
 * schema, the rules parsed by the policy engine. A malformed pack is refused with
 * INVALID_POLICY_PACK and a path (`pack.json/thresholds/SUPPLY`, `rules.cedar`).
 */
export abstract class PolicyPackCompiler {
  abstract compile(files: PolicyPackFiles): CompiledPolicyPack;
}
