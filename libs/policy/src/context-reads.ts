/**
 * Which context attributes a Cedar rule reads, found in its JSON form (`policyToJson`).
 *
 * A decision depends only on those attributes (the principal, action and resource are fixed
 * and there are no entities), so two drafts that agree on them get the same answer from the
 * engine. That is what lets CedarRules remember answers: the example packs read `type` and a
 * few booleans, so a real stream of deals repeats a handful of keys even though every deal's
 * value and parties differ.
 */

/** The attributes read, or `undefined` when a rule uses the context as a whole value. */
export type ContextReads = ReadonlySet<string> | undefined;

const CONTEXT = 'context';

function isContextVar(node: unknown): boolean {
  return (
    typeof node === 'object' &&
    node !== null &&
    (node as Record<string, unknown>).Var === CONTEXT
  );
}

/** Adds the attributes `node` reads to `into`; false when it uses `context` other than `context.attr`. */
function collect(node: unknown, into: Set<string>): boolean {
  if (Array.isArray(node)) return node.every((child) => collect(child, into));
  if (typeof node !== 'object' || node === null) return true;
  if (isContextVar(node)) return false;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const access = value as { left?: unknown; attr?: unknown } | null;
    if ((key === '.' || key === 'has') && access && isContextVar(access.left) && typeof access.attr === 'string') {
      into.add(access.attr);
      continue;
    }
    if (!collect(value, into)) return false;
  }
  return true;
}

/** The union of what every rule's conditions read. */
export function contextReadsOf(policies: ReadonlyArray<{ conditions?: unknown }>): ContextReads {
  const reads = new Set<string>();
  for (const policy of policies) {
    if (!collect(policy.conditions ?? [], reads)) return undefined;
  }
  return reads;
}
