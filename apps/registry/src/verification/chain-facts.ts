import { Inject, Injectable } from '@nestjs/common';
import { credentialKeyFrom, type CredentialEventLog } from '@signet/chain';
import {
  statusName,
  type CredentialKey,
  type OnChainDisclosure,
  type OnChainRecord,
  type StatusEvent,
} from '@signet/formats';
import { ChainGateway } from '../infrastructure/chain-gateway';
import { BoundedCache } from './bounded-cache';
import { VERIFICATION_OPTIONS, type VerificationOptions } from './verification-options';

interface CredentialFacts {
  events: CredentialEventLog[];
  /** Every event in a block up to here is final and in `events`. */
  finalThrough: number;
}

/**
 * What the chain says about agreements and credentials, read by log queries and cached in
 * memory where that cannot change the answer:
 * - an agreement's records once the standing (first) one is final: a later log can only be
 *   a flagged duplicate, never the standing record;
 * - a credential's events up to the last final block: a verdict about an anchor at or
 *   below that block cannot be changed by anything after it.
 * Everything else (not yet final, unknown ids, status events, the head) lives for a
 * moment only, so a verifier sees a new anchor or status within about a second.
 */
@Injectable()
export class ChainFacts {
  private readonly records: BoundedCache<string, OnChainRecord[]>;
  private readonly credentials: BoundedCache<string, CredentialFacts>;
  private readonly statuses: BoundedCache<string, StatusEvent[]>;
  private headBlock: { value: Promise<number>; at: number } | null = null;
  /** Timestamps of anchor blocks; kept only for final blocks, which a reorg no longer replaces. */
  private readonly blockTimes: BoundedCache<number, number>;

  constructor(
    @Inject(ChainGateway) private readonly chain: ChainGateway,
    @Inject(VERIFICATION_OPTIONS) private readonly options: VerificationOptions,
  ) {
    this.records = new BoundedCache(options.cacheEntries);
    this.credentials = new BoundedCache(options.cacheEntries);
    this.statuses = new BoundedCache(options.cacheEntries);
    this.blockTimes = new BoundedCache(options.cacheEntries);
  }

  /** Unix seconds of a block, the clock of credential expiry (FORMATS.md §12); null if unreadable. */
  async blockTimestamp(block: number): Promise<number | null> {
    const cached = this.blockTimes.get(block);
    if (cached !== undefined) return cached;
    const found = await this.chain.provider.getBlock(block);
    if (found === null) return null;
    const final = await this.isFinal(block);
    this.blockTimes.set(
      block,
      found.timestamp,
      final ? Number.POSITIVE_INFINITY : this.options.volatileTtlMs,
    );
    return found.timestamp;
  }

  get confirmations(): number {
    return this.options.confirmations;
  }

  /** The chain head, shared by concurrent callers and refreshed at most every `headTtlMs`. */
  head(): Promise<number> {
    const now = Date.now();
    if (this.headBlock === null || now - this.headBlock.at > this.options.headTtlMs) {
      const value = this.chain.blockNumber();
      this.headBlock = { value, at: now };
      // A failed read must not be served to the next caller.
      value.catch(() => (this.headBlock = null));
    }
    return this.headBlock.value;
  }

  async agreementRecords(id: string): Promise<OnChainRecord[]> {
    const cached = this.records.get(id);
    if (cached) return cached;
    const logs = await this.chain.registry.findAgreementRecords(id);
    const records = logs.map(({ recordHash, batchRoot, blockNumber, logIndex, txHash, blockHash }) => ({
      recordHash,
      batchRoot,
      blockNumber,
      logIndex,
      txHash,
      blockHash,
    }));
    const first = records[0];
    const final = first !== undefined && (await this.isFinal(first.blockNumber));
    this.records.set(id, records, final ? Number.POSITIVE_INFINITY : this.options.volatileTtlMs);
    return records;
  }

  /** The signing key and issue/revoke blocks of each credential, as of `anchorBlock`. */
  async credentialKeys(ids: string[], anchorBlock: number): Promise<Map<string, CredentialKey>> {
    const keys = new Map<string, CredentialKey>();
    await Promise.all(
      ids.map(async (id) => {
        const facts = await this.credentialFacts(id, anchorBlock);
        const key = credentialKeyFrom(facts.events);
        if (key) keys.set(id, key);
      }),
    );
    return keys;
  }

  /** AgreementDisclosed logs for the id, read when a verdict needs them (a disclosed agreement's). */
  disclosures(id: string): Promise<OnChainDisclosure[]> {
    return this.chain.registry.findDisclosures(id);
  }

  async statusEvents(id: string): Promise<StatusEvent[]> {
    const cached = this.statuses.get(id);
    if (cached) return cached;
    const logs = await this.chain.registry.findStatusEvents(id);
    const events = logs.map((log) => ({
      status: statusName(log.status),
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      txHash: log.txHash,
      detail: log.detail,
    }));
    this.statuses.set(id, events, this.options.volatileTtlMs);
    return events;
  }

  private async credentialFacts(id: string, anchorBlock: number): Promise<CredentialFacts> {
    const cached = this.credentials.get(id);
    if (cached && cached.finalThrough >= anchorBlock) return cached;
    const [events, head] = await Promise.all([this.chain.registry.findCredentialEvents(id), this.head()]);
    const finalThrough = head - Math.max(this.options.confirmations, 1) + 1;
    const facts = { events: events.filter((event) => event.blockNumber <= finalThrough), finalThrough };
    this.credentials.set(id, facts);
    // An anchor above the final block is judged on everything seen, not only the final part.
    return facts.finalThrough >= anchorBlock ? facts : { events, finalThrough: head };
  }

  private async isFinal(block: number): Promise<boolean> {
    return (await this.head()) - block + 1 >= Math.max(this.options.confirmations, 1);
  }
}
