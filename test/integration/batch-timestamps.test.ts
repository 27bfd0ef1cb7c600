import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import {
  fromBase64,
  pemCertificates,
  timestampImprintProblem,
  verifyTimestampSignature,
} from '@signet/formats';
import { TypeormBatchTimestampStore } from '@signet/persistence';
import { startTestTsa, type TestTsa } from '@signet/testing';
import { SignetMetrics } from '../../apps/registry/src/observability/metrics';
import { Rfc3161Authority } from '../../apps/registry/src/timestamps/rfc3161.authority';
import { TimestampWorker } from '../../apps/registry/src/timestamps/timestamp.worker';
import { allInStatus, insertAgreements, startRig, type AnchorRig } from './anchor/anchor.fixture';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The timestamp worker against real PostgreSQL, anvil and an openssl TSA (FORMATS.md §15):
 * a recorded batch wants a token; a TSA that is down or hangs never holds anchoring back,
 * each failure is counted and the root retried later; once it answers, the token is kept
 * and verifies over the batch root.
 */
describe('timestamps of recorded batch roots', () => {
  let rig: AnchorRig;
  let tsa: TestTsa;
  beforeAll(async () => {
    rig = await startRig();
    tsa = await startTestTsa();
  });
  afterAll(async () => {
    await rig?.close();
    await tsa?.stop();
  });

  const anchorBatch = async (tsaUrl: string | undefined) => {
    const agreements = await insertAgreements(rig.dataSource, 3);
    const ids = agreements.map((a) => a.id);
    const worker = rig.worker({ anchorIntervalMs: 50, tsaUrl });
    await sleep(60);
    await worker.round();
    await rig.mine();
    await worker.round();
    await worker.stop();
    expect(await allInStatus(rig.dataSource, ids, 'ANCHORED')).toBe(true);
    const [{ batch_root: root }] = await rig.dataSource.query<Array<{ batch_root: string }>>(
      'select distinct batch_root from batch_leaves where agreement_id = any($1)',
      [ids],
    );
    return root;
  };

  it('without TSA_URL, marks nothing', async () => {
    const root = await anchorBatch(undefined);
    const rows = await rig.dataSource.query('select 1 from batch_timestamps where batch_root = $1', [root]);
    expect(rows).toHaveLength(0);
  });

  it('anchors while the TSA is down or hangs, and gets the token once it answers', async () => {
    tsa.mode = 'down';
    const root = await anchorBatch(tsa.url);
    const store = new TypeormBatchTimestampStore(rig.dataSource);
    const metrics = new SignetMetrics();
    const worker = new TimestampWorker(
      store,
      new Rfc3161Authority(tsa.url, 500),
      { failures: metrics.timestampFailures, tokens: metrics.timestampTokens },
      () => true,
      { tickMs: 10, batch: 5 },
      pino({ level: 'silent' }),
    );
    expect((await store.due(10)).map((d) => d.batchRoot)).toEqual([root]);
    expect(await worker.round()).toBe(1000); // backs off after a failure
    expect(await store.due(10)).toEqual([]); // retried later, not at once
    expect(await store.tokenFor(root)).toBeNull();

    await sleep(1100);
    tsa.mode = 'hang';
    const started = Date.now();
    expect(await worker.round()).toBe(2000);
    expect(Date.now() - started).toBeLessThan(1500); // TSA_TIMEOUT_MS bounds a hanging TSA
    // Anchoring goes on meanwhile: another batch is recorded, and wants its token too.
    const second = await anchorBatch(tsa.url);
    expect((await metrics.timestampFailures.get()).values[0].value).toBe(2);

    await sleep(2100);
    tsa.mode = 'up';
    expect(await worker.round()).toBe(10);
    expect((await metrics.timestampTokens.get()).values[0].value).toBe(2);
    for (const batchRoot of [root, second]) {
      const kept = (await store.tokenFor(batchRoot))!;
      const token = fromBase64(kept.token);
      expect(timestampImprintProblem(token, batchRoot)).toBeNull();
      const found = await verifyTimestampSignature(
        token,
        kept.certificates.map((c) => fromBase64(c)),
        pemCertificates(tsa.rootPem),
      );
      expect(found.genTime).toBe(kept.genTime.toISOString());
    }
    // TSA_CERT_CHAIN adds CA certificates the token lacks; ones it already carries are kept once.
    const chainFile = join(mkdtempSync(join(tmpdir(), 'signet-tsa-chain-')), 'ca.pem');
    writeFileSync(chainFile, tsa.rootPem);
    const withChain = await new Rfc3161Authority(tsa.url, 2000, chainFile).stamp(second);
    expect(withChain.certificates).toHaveLength(2);
    expect(() => new Rfc3161Authority(tsa.url, 2000, join(tmpdir(), 'missing.pem'))).toThrow();

    const [row] = await rig.dataSource.query<Array<{ attempts: number }>>(
      'select attempts from batch_timestamps where batch_root = $1',
      [root],
    );
    expect(row.attempts).toBe(2);
  });
});
