import type { Ledger } from './fault-load';
import type { KillRecord } from './fault-schedule';
import type { Verdict } from './fault-checks';

export interface TableRow {
  part: string;
  kills: number;
  acknowledged: number;
  lost: number;
  doubled: number;
  /** Kill → the stack working again (a deposit acknowledged and a batch mined), worst and mean. */
  recoverMaxMs: number | null;
  recoverMeanMs: number | null;
}

/**
 * One row per part killed. A deposit counts under the last kill before it was acknowledged
 * (the window in which its request, its rows and its batch were exposed); those acknowledged
 * before the first kill under "none".
 */
export function faultTable(ledger: Ledger, kills: KillRecord[], verdict: Verdict): TableRow[] {
  const lost = new Set(verdict.lost);
  const doubled = new Set(verdict.doubled);
  const ordered = [...kills].sort((a, b) => a.killedAt - b.killedAt);
  const rows = new Map<string, TableRow>();
  const row = (part: string): TableRow => {
    let found = rows.get(part);
    if (!found) {
      found = {
        part,
        kills: 0,
        acknowledged: 0,
        lost: 0,
        doubled: 0,
        recoverMaxMs: null,
        recoverMeanMs: null,
      };
      rows.set(part, found);
    }
    return found;
  };
  row('none');
  for (const kill of ordered) row(kill.part).kills += 1;
  for (const [id, at] of ledger.acknowledged) {
    const window = ordered.filter((kill) => kill.killedAt <= at).pop();
    const target = row(window?.part ?? 'none');
    target.acknowledged += 1;
    if (lost.has(id)) target.lost += 1;
    if (doubled.has(id)) target.doubled += 1;
  }
  for (const target of rows.values()) {
    const times = ordered
      .filter((kill) => kill.part === target.part)
      .map((kill) =>
        kill.recoveredAt === null ? Number.POSITIVE_INFINITY : kill.recoveredAt - kill.killedAt,
      );
    if (times.length === 0) continue;
    target.recoverMaxMs = Math.max(...times);
    target.recoverMeanMs = Math.round(times.reduce((sum, t) => sum + t, 0) / times.length);
  }
  return [...rows.values()];
}

export function printTable(rows: TableRow[]): string {
  const seconds = (ms: number | null) =>
    ms === null ? '–' : Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'never';
  const lines = [
    '| part killed | kills | acknowledged | lost | doubled | time to recover (worst / mean) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.part} | ${r.kills} | ${r.acknowledged} | ${r.lost} | ${r.doubled} | ${seconds(r.recoverMaxMs)} / ${seconds(r.recoverMeanMs)} |`,
    ),
  ];
  const total = rows.reduce(
    (sum, r) => ({
      kills: sum.kills + r.kills,
      acknowledged: sum.acknowledged + r.acknowledged,
      lost: sum.lost + r.lost,
      doubled: sum.doubled + r.doubled,
    }),
    { kills: 0, acknowledged: 0, lost: 0, doubled: 0 },
  );
  lines.push(`| **total** | ${total.kills} | ${total.acknowledged} | ${total.lost} | ${total.doubled} | |`);
  return lines.join('\n');
}
