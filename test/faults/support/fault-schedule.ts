import type { PartName } from './fault-parts';
import type { FaultStack } from './fault-stack';
import type { Ledger } from './fault-load';
import type { Random } from './seeded-random';

export interface KillRecord {
  part: PartName;
  killedAt: number;
  restartedAt: number;
  /** When a deposit was acknowledged and a batch mined after the restart; null if never. */
  recoveredAt: number | null;
}

export const KILL_ORDER: PartName[] = ['api', 'worker', 'postgres', 's3', 'anvil'];
const RECOVERY_TIMEOUT_MS = 180_000;
/** A kept-alive socket can still fail just after the API is back: its failure is the kill's. */
const API_SETTLE_MS = 2_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Kills each part in turn, `rounds` times, at seeded random moments, restarts it after a
 * seeded pause, and waits until the whole stack works again (a deposit acknowledged and a
 * batch mined after the restart) before the next kill: one part down at a time.
 */
export class KillSchedule {
  readonly kills: KillRecord[] = [];
  private apiDownUntil = 0;
  finished = false;

  constructor(
    private readonly stack: FaultStack,
    private readonly ledger: Ledger,
    private readonly random: Random,
    private readonly rounds: number,
    private readonly log: (line: string) => void,
  ) {}

  apiDown(): boolean {
    return Date.now() < this.apiDownUntil;
  }

  async run(): Promise<void> {
    try {
      for (let round = 1; round <= this.rounds; round++) {
        for (const part of KILL_ORDER) await this.killOnce(part, round);
      }
    } finally {
      this.finished = true;
    }
  }

  private async killOnce(name: PartName, round: number): Promise<void> {
    await sleep(this.random.int(1500, 5000));
    const part = this.stack.parts[name];
    const downMs = this.random.int(300, 2000);
    if (name === 'api') this.apiDownUntil = Number.POSITIVE_INFINITY;
    const killedAt = Date.now();
    await part.kill();
    this.log(`round ${round}: killed ${name} (SIGKILL), down for ${downMs} ms`);
    await sleep(downMs);
    await part.restart();
    const restartedAt = Date.now();
    if (name === 'api') this.apiDownUntil = restartedAt + API_SETTLE_MS;
    const recoveredAt = await this.recovery(restartedAt);
    this.kills.push({ part: name, killedAt, restartedAt, recoveredAt });
    this.log(
      `round ${round}: ${name} back after ${restartedAt - killedAt} ms, working after ${
        recoveredAt === null ? 'never' : `${recoveredAt - killedAt} ms`
      }`,
    );
  }

  private async recovery(since: number): Promise<number | null> {
    const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
    let acknowledgedAt: number | null = null;
    let minedAt: number | null = null;
    while (Date.now() < deadline) {
      for (const at of this.ledger.acknowledged.values()) {
        if (at > since && (acknowledgedAt === null || at < acknowledgedAt)) acknowledgedAt = at;
      }
      if (minedAt === null) minedAt = await this.firstMinedAfter(since);
      if (acknowledgedAt !== null && minedAt !== null) return Math.max(acknowledgedAt, minedAt);
      await sleep(200);
    }
    return null;
  }

  private async firstMinedAfter(since: number): Promise<number | null> {
    try {
      const [row] = await this.stack.query<{ at: string | null }>(
        `select (extract(epoch from min(mined_at)) * 1000)::bigint as at from chain_transactions
         where mined_at > to_timestamp($1 / 1000.0)`,
        [since],
      );
      return row?.at ? Number(row.at) : null;
    } catch {
      return null; // PostgreSQL is still starting
    }
  }
}
