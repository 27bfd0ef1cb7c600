import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { PgRetentionStore, TypeormPolicyPackStore, typeormOptions } from '@signet/persistence';
import { FileBlobStore, FileKeyVault, RetentionBlobStore, S3BlobStore } from '@signet/storage';
import { Clock, type BlobStore } from '@signet/domain';
import { RetentionJob, type RetentionRunReport } from '../apps/registry/src/retention/retention-job';
import { RetentionScheduler } from '../apps/registry/src/retention/retention-scheduler';
import { insertDueAgreements } from '@signet/testing';
import { benchDatabase } from './support/bench-database';
import { runBench } from './support/run-bench';
import { measureDepositsDuring } from './support/deposits-during';
import { startDepositRig } from './support/deposit-rig';

const COUNT = Number(process.env.BENCH_RETENTION_COUNT ?? 100_000);
/** Deposits per second sent to the service while the job runs (0: the job alone, no service). */
const DEPOSIT_RATE = Number(process.env.BENCH_RETENTION_DEPOSIT_RATE ?? 250);
const DAY = 86_400_000;
/** The due agreements' idempotency keys start with it (insertDueAgreements), apart from the service's deposits. */
const DUE_PREFIX = 'retention-due';

class ShiftedClock extends Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

interface Target {
  dataSource: DataSource;
  blobs: RetentionBlobStore;
  vault: FileKeyVault;
  clock: ShiftedClock;
}

function retentionJob({ dataSource, blobs, vault, clock }: Target): RetentionJob {
  const store = new PgRetentionStore(dataSource);
  return new RetentionJob(
    store,
    new RetentionScheduler(store, new TypeormPolicyPackStore(dataSource), blobs),
    blobs,
    vault,
    clock,
  );
}

/** Inserts COUNT due agreements and runs the job once over them; prints and returns its figures. */
async function benchJob(target: Target, label: string, beforeRun = (): void => undefined) {
  const setup = performance.now();
  await insertDueAgreements(
    (text, params) => target.dataSource.query(text, params),
    target.blobs,
    COUNT,
    DUE_PREFIX,
  );
  const setupSeconds = (performance.now() - setup) / 1000;
  const job = retentionJob(target);
  beforeRun();
  return async (): Promise<{ report: RetentionRunReport; seconds: number }> => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = await job.run();
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const [left] = await target.dataSource.query<Array<{ n: number }>>(
      `select count(*)::int as n from agreements where status <> 'SHREDDED' and idempotency_key like $1`,
      [`${DUE_PREFIX}-%`],
    );
    const perSecond = Math.round(report.shredded.length / seconds);
    console.log(`retention job over ${COUNT} due agreements, ${label} (setup ${setupSeconds.toFixed(1)} s)`);
    console.log(
      `  one run: ${report.scheduled} scheduled, ${report.shredded.length} shredded, keys destroyed ${report.keysDestroyed.join(', ') || 'none'}, ${report.failures} failures`,
    );
    console.log(
      `  ${seconds.toFixed(1)} s wall, ${perSecond}/s; job process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; ${left.n} due agreements not shredded`,
    );
    return { report, seconds };
  };
}

/**
 * The job alone over COUNT due agreements (FINAL, expired, three wraps each, a 1 KiB blob
 * each behind the retention layer: insertDueAgreements), on a clock 40 days on: one run
 * schedules, shreds and destroys the epoch key. Blobs on /dev/shm where there is one
 * (object storage is a service elsewhere).
 */
async function jobAlone(): Promise<void> {
  const db = await benchDatabase('signet_bench_retention');
  const dataSource = await new DataSource(typeormOptions(db.url, { extra: { max: 10 } })).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const root = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const clock = new ShiftedClock();
  const vault = new FileKeyVault(mkdtempSync(join(tmpdir(), 'signet-bench-vault-')));
  const blobs = new RetentionBlobStore(
    new FileBlobStore(mkdtempSync(join(root, 'signet-bench-blobs-'))),
    vault,
    clock,
  );
  try {
    // Past the deposit month and its grace: the epoch key may go.
    const run = await benchJob(
      { dataSource, blobs, vault, clock },
      'the job alone',
      () => (clock.offset = 40 * DAY),
    );
    const { report, seconds } = await run();
    console.log(
      JSON.stringify({
        bench: 'retention',
        agreements: COUNT,
        shredded: report.shredded.length,
        seconds,
        perSecond: Math.round(report.shredded.length / seconds),
        keysDestroyed: report.keysDestroyed.length,
        failures: report.failures,
      }),
    );
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
}

/**
 * The second half: "deposits keep their targets while it runs". The service (API
 * and worker processes, S3 on s3rver, anvil) takes DEPOSIT_RATE deposits per second, first
 * alone, then while the job — in this process, on the service's database, object store and
 * key vault, as the worker runs it — shreds COUNT due agreements. The clock is the real one:
 * fresh deposits are under the current month's key, which no run may destroy.
 */
async function jobBesideDeposits(): Promise<void> {
  // The run outlasts the default 15-minute token on a busy machine.
  const rig = await startDepositRig({ tokenTtlSeconds: 4 * 3600 });
  const dataSource = await new DataSource(
    typeormOptions(rig.databaseUrl, { extra: { max: 10 } }),
  ).initialize();
  try {
    // The worker's own first run is 30 s after its start (before the rig returns); let it pass
    // before the due rows exist, so that this run is the one that shreds them.
    await new Promise((done) => setTimeout(done, 35_000));
    const clock = new ShiftedClock();
    const vault = new FileKeyVault(join(rig.api.dataDir, 'keys', 'retention'));
    const s3: BlobStore = new S3BlobStore(rig.s3);
    const blobs = new RetentionBlobStore(s3, vault, clock);
    const run = await benchJob({ dataSource, blobs, vault, clock }, `beside ${DEPOSIT_RATE} deposits/s`);
    const figures = await measureDepositsDuring(rig, DEPOSIT_RATE, run);
    console.log(JSON.stringify({ bench: 'retention-beside-deposits', agreements: COUNT, ...figures }));
  } finally {
    await dataSource.destroy();
    await rig.stop();
  }
}

runBench(DEPOSIT_RATE > 0 ? jobBesideDeposits : jobAlone);
