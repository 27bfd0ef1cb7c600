/** One comparison in a verdict; `name` says which fact was checked, so a tamper is named. */
export interface VerificationCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What `verify` and an agreement's `verification` field answer (README, docs/VERIFY.md). */
export interface Verdict {
  valid: boolean;
  checks: VerificationCheck[];
  /** Facts worth knowing that do not make the agreement invalid (later duplicates, skipped checks). */
  warnings: string[];
}

/** Runs one check; a throw (a malformed stored value) fails the check with its message. */
export function runCheck(name: string, body: () => string | true, okDetail: string): VerificationCheck {
  let result: string | true;
  try {
    result = body();
  } catch (error) {
    result = error instanceof Error ? error.message : String(error);
  }
  return result === true ? { name, ok: true, detail: okDetail } : { name, ok: false, detail: result };
}

export function verdictOf(checks: VerificationCheck[], warnings: string[] = []): Verdict {
  return { valid: checks.length > 0 && checks.every((check) => check.ok), checks, warnings };
}
