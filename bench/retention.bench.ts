import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { PgRetentionStore, TypeormPolicyPackStore, typeormOptions } from '@signet/persistence';
import { FileBlobStore, FileKeyVault, RetentionBlobStore } from '@signet/storage';
import { Clock } from '@signet/domain';
import { RetentionJob } from '../apps/registry/src/retention/retention-job';
import { RetentionScheduler } from '../apps/registry/src/retention/retention-scheduler';
import { insertDueAgreements } from '@signet/testing';
import { benchDatabase } from './support/bench-database';
import { runBench } from './support/run-bench';

const COUNT = Number(process.env.BENCH_RETENTION_COUNT ?? 100_000);
const DAY = 86_400_000;

class ShiftedClock extends Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/**
 * The retention job over COUNT due agreements (FINAL, expired, three wraps each, a 1 KiB
 * blob each behind the retention layer: insertDueAgreements): one run schedules, shreds and
 * destroys the epoch key. What is measured is the job. Blobs on /dev/shm where there is one (object storage is a service elsewhere).
 */
async function main(): Promise<void> {
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
    const setup = performance.now();
    await insertDueAgreements((text, params) => dataSource.query(text, params), blobs, COUNT, 'bench');
    const setupSeconds = (performance.now() - setup) / 1000;

    const store = new PgRetentionStore(dataSource);
    const job = new RetentionJob(
      store,
      new RetentionScheduler(store, new TypeormPolicyPackStore(dataSource), blobs),
      blobs,
      vault,
      clock,
    );
    clock.offset = 40 * DAY; // past the deposit month and its grace: the epoch key may go
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = await job.run();
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const [left] = await dataSource.query<Array<{ n: number }>>(
      `select count(*)::int as n from agreements where status <> 'SHREDDED'`,
    );
    const perSecond = Math.round(report.shredded.length / seconds);
    console.log(`retention job over ${COUNT} due agreements (setup ${setupSeconds.toFixed(1)} s)`);
    console.log(
      `  one run: ${report.scheduled} scheduled, ${report.shredded.length} shredded, keys destroyed ${report.keysDestroyed.join(', ') || 'none'}, ${report.failures} failures`,
    );
    console.log(
      `  ${seconds.toFixed(1)} s wall, ${perSecond}/s; job process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; ${left.n} not shredded`,
    );
    console.log(
      JSON.stringify({
        bench: 'retention',
        agreements: COUNT,
        shredded: report.shredded.length,
        seconds,
        perSecond,
        cpuSeconds: (used.user + used.system) / 1e6,
        keysDestroyed: report.keysDestroyed.length,
        failures: report.failures,
      }),
    );
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
}

runBench(main);
