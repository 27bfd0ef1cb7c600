import { judge, type Verdict } from './support/fault-checks';
import { emptyLedger, runLoad, type Failure } from './support/fault-load';
import { KILL_ORDER, KillSchedule } from './support/fault-schedule';
import { startFaultStack, type FaultStack } from './support/fault-stack';
import { faultTable, printTable } from './support/fault-table';
import { seededRandom } from './support/seeded-random';

const SEED = Number(process.env.FAULTS_SEED ?? 17);
const DEPOSITS = Number(process.env.FAULTS_DEPOSITS ?? 3000);
const KILLS = Number(process.env.FAULTS_KILLS ?? 2);
/** Deposits spread over the kills: a kill takes ~12 s (wait, down, restart, recovery) on this machine. */
const RATE = Number(
  process.env.FAULTS_RATE ?? Math.max(5, Math.ceil(DEPOSITS / (KILLS * KILL_ORDER.length * 12))),
);

const log = (line: string) => process.stdout.write(`[faults] ${line}\n`);

/** A failure that a client could not act on: no code, INTERNAL, or no answer while the API was up. */
function untyped(failure: Failure): boolean {
  if (failure.code === 'TRANSPORT') return !failure.apiDown;
  return failure.code === 'NO_CODE' || failure.code === 'INTERNAL';
}

// SIGKILL, in turn, of the API, the worker, PostgreSQL, s3rver and anvil under a steady load
// of deposits: nothing acknowledged is lost or recorded twice, and every refusal is typed.
describe(`fault harness: seed ${SEED}, ${DEPOSITS} deposits, ${KILLS} kill(s) of each part`, () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack();
  });
  afterAll(() => stack?.stop());

  it('loses nothing acknowledged and doubles nothing', async () => {
    const random = seededRandom(SEED);
    // Twice as many as needed, so that the load never runs dry before the last kill is over.
    const deposits = stack.prepare(DEPOSITS * 2, `faults-${SEED}-${Date.now()}`);
    const ledger = emptyLedger();
    const schedule = new KillSchedule(stack, ledger, random, KILLS, log);
    log(`seed ${SEED}: ${DEPOSITS} deposits at ${RATE}/s, ${KILLS} kill(s) of ${KILL_ORDER.join(', ')}`);
    const started = Date.now();
    await Promise.all([
      schedule.run(),
      runLoad(
        {
          deposits,
          url: stack.apiUrl,
          token: stack.token,
          random: seededRandom(SEED + 1),
          rate: RATE,
          concurrency: 6,
          apiDown: () => schedule.apiDown(),
          done: () => schedule.finished && ledger.acknowledged.size >= DEPOSITS,
        },
        ledger,
      ),
    ]);
    const ids = [...ledger.acknowledged.keys()];
    log(
      `load done in ${Math.round((Date.now() - started) / 1000)} s: ${ids.length} acknowledged, ${ledger.requests} requests`,
    );
    const verdict: Verdict = await judge(stack, ids);
    const codes = new Map<string, number>();
    for (const failure of ledger.failures) codes.set(failure.code, (codes.get(failure.code) ?? 0) + 1);
    const bad = ledger.failures.filter(untyped);
    log(`settled in ${verdict.settleMs} ms; failures by code: ${JSON.stringify(Object.fromEntries(codes))}`);
    log(`audit: ${verdict.audit.detail}; stuck outbox rows: ${verdict.stuckOutbox}`);
    log(
      `untyped failures: ${bad.length}; bad receipts: ${verdict.badReceipts.length}; bad blobs: ${verdict.badBlobs.length}`,
    );
    const alerts = stack
      .workerOutput()
      .split('\n')
      .filter((line) => line.includes('"alert":"deep_reorg"'));
    log(
      `deep-reorg alerts from the worker (FINAL batches re-anchored after anvil lost its last blocks): ${alerts.length}`,
    );
    log(`unexpected exits: ${stack.unexpectedExits.map((e) => e.part).join(', ') || 'none'}`);
    log(`\n${printTable(faultTable(ledger, schedule.kills, verdict))}`);
    for (const problem of verdict.receiptProblems) log(`bad receipt: ${problem}`);
    for (const failure of bad.slice(0, 5)) log(`untyped: ${JSON.stringify(failure)}`);
    for (const exit of stack.unexpectedExits.slice(0, 2)) log(`${exit.part} exited:\n${exit.output}`);

    expect(ids.length).toBeGreaterThanOrEqual(DEPOSITS);
    expect(verdict.lost).toEqual([]);
    expect(verdict.doubled).toEqual([]);
    expect(verdict.badReceipts).toEqual([]);
    expect(verdict.badBlobs).toEqual([]);
    expect(verdict.audit).toMatchObject({ ok: true });
    expect(verdict.stuckOutbox).toBe(0);
    expect(bad).toEqual([]);
    expect(schedule.kills.every((kill) => kill.recoveredAt !== null)).toBe(true);
    expect(stack.unexpectedExits.map((exit) => exit.part)).toEqual([]);
  });
});
