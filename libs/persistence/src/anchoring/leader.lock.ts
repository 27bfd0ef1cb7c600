import { Client } from 'pg';
import type { Logger } from 'pino';
import type { Sql } from '../sql';

/** The advisory lock's two int4 keys: "SGNT" and the anchoring key's lock slot. */
const LOCK_CLASS = 0x53474e54;
const LOCK_OBJECT = 1;

/**
 * Leadership of the anchoring key: a PostgreSQL session advisory lock held on a dedicated
 * connection (not the pool, whose connections come and go). The lock lives exactly as
 * long as that session, so a crashed or partitioned worker loses it without help; a
 * worker that cannot reach its session treats itself as no longer leader.
 */
export class LeaderLock {
  private client: Client | null = null;
  private backendPid: number | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  get held(): boolean {
    return this.client !== null;
  }

  /** One attempt; false when another worker leads. Never blocks. */
  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true, query_timeout: 5000 });
    client.on('error', (error: Error) => this.lose(client, error.message));
    client.on('end', () => this.lose(client, 'connection closed'));
    try {
      await client.connect();
      const result = await client.query<{ locked: boolean; pid: number }>(
        'select pg_try_advisory_lock($1, $2) as locked, pg_backend_pid() as pid',
        [LOCK_CLASS, LOCK_OBJECT],
      );
      const row = result.rows[0];
      if (!row?.locked) {
        await client.end().catch(() => undefined);
        return false;
      }
      this.client = client;
      this.backendPid = row.pid;
      return true;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** A round trip on the lock's session: if it does not answer, leadership is gone. */
  async confirm(): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    try {
      await client.query('select 1');
      return this.client === client;
    } catch (error) {
      this.lose(client, error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  /**
   * Fencing inside a write transaction: commits only while our session still holds the
   * lock, so a worker that lost it (and does not know yet) cannot sign a new nonce.
   */
  async assertHeldWithin(sql: Sql): Promise<void> {
    const pid = this.backendPid;
    const row =
      pid === null
        ? undefined
        : await sql.one<{ held: boolean }>(
            `select exists(select 1 from pg_locks where locktype = 'advisory' and classid::bigint = $1
               and objid::bigint = $2 and objsubid = 2 and pid = $3 and granted) as held`,
            [LOCK_CLASS, LOCK_OBJECT, pid],
          );
    if (!row?.held) throw new LeadershipLostError();
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.backendPid = null;
    // Ending the session releases the lock; no explicit unlock needed.
    if (client) await client.end().catch(() => undefined);
  }

  private lose(client: Client, why: string): void {
    if (this.client !== client) return;
    this.client = null;
    this.backendPid = null;
    this.logger.warn({ why }, 'anchor worker lost leadership');
    void client.end().catch(() => undefined);
  }
}

export class LeadershipLostError extends Error {
  constructor() {
    super('this worker no longer holds the anchoring lock');
  }
}
