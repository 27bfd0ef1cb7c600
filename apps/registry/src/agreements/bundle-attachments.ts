import type { AuditTrailRepository, BatchTimestampStore, ServedLink, StoredCheckpoint } from '@signet/domain';
import type { AuditFields, BundleAuditCheckpoint, BundleTimestamp } from '@signet/formats';

/** Links read per repository call while collecting a checkpoint's span. */
const PAGE = 1000;
/**
 * A bundle carries at most this many links (~350 bytes each): from the agreement's first
 * event to its checkpoint. A longer span is left out rather than making a file too big to
 * hand over; the court then has `signet audit` against the service (FORMATS.md §16).
 */
export const MAX_AUDIT_LINKS = 20_000;

/** The batch root's RFC 3161 token, once the timestamp worker obtained it (FORMATS.md §15). */
export async function timestampOf(
  store: BatchTimestampStore,
  batchRoot: string,
): Promise<BundleTimestamp | undefined> {
  const record = await store.tokenFor(batchRoot);
  return record === null ? undefined : { token: record.token, certificates: record.certificates };
}

/**
 * FORMATS.md §16: the first mined checkpoint at or after the agreement's latest sequenced
 * audit event (else the latest one after its first event, covering a prefix), with every
 * link from the agreement's first event up to it and the agreement's events in full.
 */
export async function auditCheckpointOf(
  audit: AuditTrailRepository,
  agreementId: string,
): Promise<BundleAuditCheckpoint | undefined> {
  const seqs = (await audit.eventsOf(agreementId)).flatMap((e) =>
    e.fields.seq === null ? [] : [e.fields.seq],
  );
  if (seqs.length === 0) return undefined;
  const first = Math.min(...seqs);
  const last = Math.max(...seqs);
  const covering = (await audit.minedCheckpoints()).filter(
    (c): c is StoredCheckpoint & { txHash: string; blockNumber: number } =>
      c.sequence >= first && c.txHash !== null && c.blockNumber !== null,
  );
  const checkpoint = [...covering].reverse().find((c) => c.sequence >= last) ?? covering[0];
  if (checkpoint === undefined || checkpoint.sequence - first + 1 > MAX_AUDIT_LINKS) return undefined;
  const served: ServedLink[] = [];
  for (let from = first; from <= checkpoint.sequence; from += PAGE)
    served.push(...(await audit.links(from, Math.min(PAGE, checkpoint.sequence - from + 1), agreementId)));
  const events: AuditFields[] = served.flatMap((link) =>
    link.event === null ? [] : [{ ...link.event.fields, seq: link.seq }],
  );
  return {
    sequence: checkpoint.sequence,
    head: checkpoint.head,
    txHash: checkpoint.txHash,
    blockNumber: checkpoint.blockNumber,
    links: served.map(({ seq, prevHash, hash, agreementTag, fieldsHash }) => ({
      seq,
      prevHash,
      hash,
      agreementTag,
      fieldsHash,
    })),
    events,
  };
}
