/** Retries after a failed delivery: exponential, capped, spread over about a day. */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 2 * 60 * 60 * 1000;
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; at: Date }
  /** The endpoint is switched off and its owner told (in `webhooks`). */
  | { kind: 'disable'; reason: string };

/**
 * What to do after attempt number `attempt` (1-based) answered `status` (null: no answer).
 * 2xx is delivered; 410 Gone disables at once; anything else retries with backoff
 * (5 s, 10 s, 20 s … capped at 2 h, with up to 10 % jitter) until the endpoint has failed
 * for 24 hours, then disables it.
 */
export function afterAttempt(input: {
  attempt: number;
  status: number | null;
  failingSince: Date | null;
  now: Date;
  jitter?: number;
}): DeliveryOutcome {
  const { attempt, status, now } = input;
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'disable', reason: 'the endpoint answered 410 Gone' };
  const since = input.failingSince ?? now;
  if (now.getTime() - since.getTime() >= GIVE_UP_AFTER_MS)
    return { kind: 'disable', reason: `every delivery failed for 24 hours (last: ${status ?? 'no answer'})` };
  const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  const jitter = 1 + 0.1 * (input.jitter ?? 0);
  return { kind: 'retry', at: new Date(now.getTime() + delay * jitter) };
}
