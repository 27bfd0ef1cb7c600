/**
 * What must hold once the faults are over: every acknowledged deposit FINAL and recorded on
 * chain exactly once, its receipt verified against the chain alone, its blob stored with
 * its digest, the audit chain whole, no outbox row left behind.
 */
import { join } from 'node:path';
import {
  RegistryClient,
  createProvider,
  credentialKeyFrom,
  decodeAgreementRecorded,
  queryLogs,
  topicOf,
} from '@signet/chain';
import {
  formatBlockchainId,
  parseBlockchainId,
  parseReceipt,
  sealedDigest,
  verifyEvidence,
  type CredentialKey,
  type OnChainRecord,
} from '@signet/formats';
import { SystemClock } from '@signet/domain';
import { FileKeyVault, RetentionBlobStore, S3BlobStore } from '@signet/storage';
import { auditAgreement } from '../../../apps/cli/src/commands/audit-chain';
import type { FaultStack } from './fault-stack';

export interface Verdict {
  /** Acknowledged, but not FINAL with exactly one record on chain. */
  lost: string[];
  /** Recorded on chain more than once (any id, acknowledged or not). */
  doubled: string[];
  badReceipts: string[];
  /** What failed in the first few bad receipts. */
  receiptProblems: string[];
  badBlobs: string[];
  audit: { ok: boolean; detail: string };
  stuckOutbox: number;
  settleMs: number;
}

const SETTLE_TIMEOUT_MS = 300_000;
/** As the stack runs the worker. */
const CONFIRMATIONS = 2;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits until nothing is on its way: every acknowledged deposit FINAL, no outbox row or audit event waiting. */
export async function settle(stack: FaultStack, ids: string[]): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < SETTLE_TIMEOUT_MS) {
    try {
      const [row] = await stack.query<{ open: string }>(
        `select (select count(*) from agreements where id = any($1) and status <> 'FINAL')
           + (select count(*) from outbox o left join chain_transactions t on t.id = o.chain_tx_id
              where t.status is distinct from 'final')
           + (select count(*) from audit_events where seq is null) as open`,
        [ids],
      );
      if (Number(row.open) === 0) break;
    } catch {
      // PostgreSQL may still be recovering
    }
    await sleep(500);
  }
  return Date.now() - started;
}

export async function judge(stack: FaultStack, ids: string[]): Promise<Verdict> {
  const settleMs = await settle(stack, ids);
  const provider = createProvider(stack.rpcUrl, { chainId: stack.chainId });
  try {
    const logs = await queryLogs(provider, {
      address: stack.registryAddress,
      topics: [topicOf('AgreementRecorded')],
      fromBlock: 0,
    });
    const records = new Map<string, OnChainRecord[]>();
    for (const log of logs) {
      const record = decodeAgreementRecorded(log);
      records.set(record.id, [...(records.get(record.id) ?? []), record]);
    }
    const statuses = new Map(
      (
        await stack.query<{ id: string; status: string; sealed_digest: string }>(
          'select id, status, sealed_digest from agreements where id = any($1)',
          [ids],
        )
      ).map((row) => [row.id, row]),
    );
    const lost = ids.filter((id) => statuses.get(id)?.status !== 'FINAL' || records.get(id)?.length !== 1);
    const doubled = [...records].filter(([, found]) => found.length > 1).map(([id]) => id);
    const registry = RegistryClient.attach(stack.registryAddress, provider);
    const keys = new Map<string, CredentialKey>();
    // Every credential a receipt may name: the parties', their principals' and the issuer's.
    const credentials = await stack.query<{ id: string }>('select id from credentials');
    for (const { id } of credentials) {
      const key = credentialKeyFrom(await registry.findCredentialEvents(id));
      if (key) keys.set(id, key);
    }
    const head = await provider.getBlockNumber();
    const receiptProblems: string[] = [];
    const badReceipts = await inParallel(ids, async (id) => {
      const text = await stack.client.receipt(id);
      if (!text) return false;
      const receipt = parseReceipt(text);
      const block = await provider.getBlock(receipt.anchor.blockNumber);
      const verdict = verifyEvidence({
        blockchainId: formatBlockchainId({
          chainId: stack.chainId,
          registry: stack.registryAddress,
          agreementId: id,
        }),
        receipt,
        onChainRecords: records.get(id) ?? [],
        credentialKeys: keys,
        anchorTimestamp: block?.timestamp ?? null,
        finality: { head, depth: CONFIRMATIONS },
      });
      const failed = verdict.checks.filter((check) => !check.ok);
      if (failed.length > 0 && receiptProblems.length < 3) {
        receiptProblems.push(`${id}: ${failed.map((check) => `${check.name}: ${check.detail}`).join('; ')}`);
      }
      return verdict.valid && block?.hash === receipt.anchor.blockHash;
    });
    // Blobs are wrapped at rest under a retention key (docs/RETENTION.md): read them as the
    // service does, through the retention layer and the API's key vault, then check the digest.
    const s3 = new S3BlobStore(stack.s3);
    const blobs = new RetentionBlobStore(
      s3,
      new FileKeyVault(join(stack.apiDataDir, 'keys', 'retention')),
      new SystemClock(),
    );
    const badBlobs = await inParallel(ids, async (id) => {
      const digest = statuses.get(id)?.sealed_digest;
      if (!digest) return false;
      const sealed = await blobs.get(digest.slice(2));
      return sealed !== null && sealedDigest(sealed) === digest;
    });
    s3.close();
    // Reading the receipts above is itself audited, and a checkpoint of that may be on its
    // way: stuck means older than the worker's worst recovery, not merely not final yet.
    const [stuck] = await stack.query<{ n: string }>(
      `select count(*) as n from outbox o left join chain_transactions t on t.id = o.chain_tx_id
       where t.status is distinct from 'final' and o.created_at < now() - interval '60 seconds'`,
    );
    return {
      lost,
      doubled,
      badReceipts,
      receiptProblems,
      badBlobs,
      audit: await auditChain(stack, ids[0]),
      stuckOutbox: Number(stuck.n),
      settleMs,
    };
  } finally {
    provider.destroy();
  }
}

/** The whole hash chain recomputed (signet audit's check), and its sequence numbers without a gap. */
async function auditChain(stack: FaultStack, id: string): Promise<{ ok: boolean; detail: string }> {
  const [row] = await stack.query<{ n: string; top: string; distinct_n: string; pending: string }>(
    `select count(seq) as n, coalesce(max(seq), 0) as top, count(distinct seq) as distinct_n,
       count(*) filter (where seq is null) as pending from audit_events`,
  );
  const gapless = row.n === row.top && row.n === row.distinct_n && row.pending === '0';
  const parsed = parseBlockchainId(
    formatBlockchainId({ chainId: stack.chainId, registry: stack.registryAddress, agreementId: id }),
  );
  const report = await auditAgreement(stack.client, id, parsed, stack.rpcUrl);
  const failed = report.checks.filter((check) => !check.ok).map((check) => `${check.name}: ${check.detail}`);
  return {
    ok: gapless && report.valid,
    detail: `${row.n} events, seq 1..${row.top}, ${row.pending} pending${failed.length ? `; ${failed.join('; ')}` : ''}`,
  };
}

/** The ids for which `check` is false or throws, checked eight at a time. */
async function inParallel(ids: string[], check: (id: string) => Promise<boolean>): Promise<string[]> {
  const bad: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const ok = await check(id).catch(() => false);
        if (!ok) bad.push(id);
      }
    }),
  );
  return bad;
}
