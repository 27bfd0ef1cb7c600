/**
 * Names of the provider-side keys that wrap sealed blobs at rest (docs/RETENTION.md):
 * `epoch-YYYY-MM`, one per calendar month (UTC) of destruction dates, and `hold-<id>`, one
 * per agreement under a legal hold. Destroying a key makes every copy it wraps unreadable.
 */
export const KEY_ID = /^(epoch-\d{4}-(0[1-9]|1[0-2])|hold-[0-9a-f]{64})$/;

/** A deposit in flight wrote its blob before its row: an epoch's key outlives its month by this much. */
export const EPOCH_GRACE_MS = 2 * 86_400_000;

export function epochKeyId(at: Date): string {
  return `epoch-${at.toISOString().slice(0, 7)}`;
}

export function holdKeyId(agreementId: string): string {
  return `hold-${agreementId.replace(/^0x/, '').toLowerCase()}`;
}

/** The key a blob should be wrapped under: its hold's, else its destruction month's (never a past month). */
export function wantedKeyId(row: { agreementId: string; destroyAt: Date; held: boolean }, now: Date): string {
  if (row.held) return holdKeyId(row.agreementId);
  return epochKeyId(row.destroyAt > now ? row.destroyAt : now);
}

/**
 * Whether a key may be destroyed once no blob still kept is wrapped under it: a hold key at
 * once; an epoch key only after its month (plus the grace) is over, since until then a new
 * deposit may still be wrapped under it.
 */
export function keyMayBeDestroyed(keyId: string, now: Date): boolean {
  if (keyId.startsWith('hold-')) return true;
  const match = /^epoch-(\d{4})-(\d{2})$/.exec(keyId);
  if (!match) return false;
  const monthEnd = Date.UTC(Number(match[1]), Number(match[2]), 1);
  return now.getTime() >= monthEnd + EPOCH_GRACE_MS;
}
