import type { DataSource } from 'typeorm';
import { RateWindowStore, type RateWindowHit } from '@signet/domain';
import { preparedRows } from '../sql';

const HIT_SQL =
  'SELECT total_hits, time_to_expire, is_blocked, time_to_block_expire FROM signet_rate_hit($1, $2, $3, $4, $5)';

interface HitRow {
  total_hits: string;
  time_to_expire: string;
  is_blocked: boolean;
  time_to_block_expire: string;
}

/**
 * Rate windows in PostgreSQL, shared by every API replica on the database: one call of
 * `signet_rate_hit` (migration 0012) per request, under the key's row lock, on the
 * database's clock. The window slides as two fixed windows do: this window's hits plus the
 * previous one's, weighted by how much of it still falls within the last `ttl`. The table
 * is UNLOGGED: a crash of the database forgets the budgets, which only makes them fresh.
 */
export class PgRateWindowStore extends RateWindowStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async hit(
    key: string,
    weight: number,
    ttlMs: number,
    limit: number,
    blockMs: number,
  ): Promise<RateWindowHit> {
    const [row] = await preparedRows<HitRow>(this.dataSource, 'signet_rate_hit', HIT_SQL, [
      key,
      weight,
      ttlMs,
      limit,
      blockMs,
    ]);
    return {
      totalHits: Number(row.total_hits),
      timeToExpire: Number(row.time_to_expire),
      isBlocked: row.is_blocked,
      timeToBlockExpire: Number(row.time_to_block_expire),
    };
  }
}
