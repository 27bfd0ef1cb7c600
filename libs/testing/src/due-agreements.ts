import type { BlobStore } from '@signet/domain';

type Query = <T>(text: string, params?: unknown[]) => Promise<T>;

/**
 * `count` agreements that are FINAL and expired a day ago, with three wraps and a 1 KiB
 * blob each (written through `blobs`), straight into the database: what the retention
 * job's bench and its SIGKILL test shred. Ids and digests derive from `prefix` and the index.
 */
export async function insertDueAgreements(
  query: Query,
  blobs: BlobStore,
  count: number,
  prefix = 'due',
): Promise<string[]> {
  const ids = await query<Array<{ id: string; d: string }>>(
    `insert into agreements (id, status, type, jurisdictions, parties, organization_ids, effective_at, expires_at,
       metadata, metadata_hash, commitment, sealed_digest, sealed_size, nonce, signatures_hash, record_hash,
       depositor_id, idempotency_key, request_hash)
     select h, 'FINAL', 'NDA', '{DE}', '{a,b}', array[gen_random_uuid()], now() - interval '40 days',
       now() - interval '1 day', '{}', h, h, '0x' || encode(sha256(($2 || '-blob-' || i)::bytea), 'hex'), 1024,
       h, h, h, h, $2 || '-' || i, h
     from (select i, '0x' || encode(sha256(($2 || '-agreement-' || i)::bytea), 'hex') as h
           from generate_series(1, $1) i) s
     returning id, sealed_digest as d`,
    [count, prefix],
  );
  await query(
    `insert into agreement_wraps (agreement_id, key_id, credential_id, box)
     select a, '0x' || encode(sha256((a || k)::bytea), 'hex'), null, 'box' from unnest($1::char(66)[]) a, generate_series(1, 3) k`,
    [ids.map((row) => row.id)],
  );
  const blob = new Uint8Array(1024).fill(7);
  for (let i = 0; i < ids.length; i += 64) {
    await Promise.all(ids.slice(i, i + 64).map((row) => blobs.putDigested(row.d.slice(2), blob)));
  }
  return ids.map((row) => row.id);
}
