/**
 * npm run bench:verify — public verification by blockchain id and the regulator's list
 * query, through the real API of the built service, with 100,000 agreements in the index.
 * PostgreSQL is DATABASE_URL's server when set (else embedded), storage S3 when S3_* are
 * set (else the data dir), the chain an anvil with one-second blocks. A few agreements are
 * real (credentials issued, deposited, anchored to FINAL) so there is something to verify;
 * the rest are seeded in one INSERT … SELECT, so the list has 100,000 rows to search.
 * Last line: {"bench":"verify","verifyPerSec":N,"verifyP50Ms":A,"verifyP99Ms":B,"listP99Ms":C}
 */
import { Agent, request } from 'node:http';
import { Client } from 'pg';
import { startAnvil } from '@signet/embedded';
import {
  createVerifyWorld,
  depositThrough,
  startSignetProcess,
  waitForStatus,
  type VerifyWorld,
} from '@signet/testing';
import { benchDatabase } from './support/bench-database';
import { runBench } from './support/run-bench';

const ANVIL_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const SEEDED = 100_000;
const REAL = 5;
const VERIFY_RATE = 200;
const VERIFY_SECONDS = 10;
const LIST_REQUESTS = 400;

const VERIFY = 'query ($id: String!) { verify(blockchainId: $id) { valid checks { name ok } } }';
const LIST = `query ($filter: AgreementFilter, $first: Int, $after: String) {
  agreements(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id type status jurisdictions createdAt } } pageInfo { hasNextPage endCursor }
  }
}`;

const log = (line: string): void => void process.stdout.write(`${line}\n`);

function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] * 10) / 10;
}

// Plain node:http with keep-alive: the load generator shares the two cores with the
// service, PostgreSQL and anvil, so it should cost as little as it can.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<unknown> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              data?: unknown;
              errors?: unknown[];
            };
            if (parsed.errors?.length) reject(new Error(JSON.stringify(parsed.errors[0])));
            else resolve(parsed.data);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Open loop: requests start on schedule whatever the answers do; latency counts from when each was due. */
async function openLoop(rate: number, seconds: number, send: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  const trace: Array<[number, number]> = [];
  let errors = 0;
  const interval = 1000 / rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((done) => setTimeout(done, wait));
    inFlight.push(
      send(i).then(
        (ok) => {
          if (!ok) return void errors++;
          latencies.push(performance.now() - due);
          if (process.env.SIGNET_BENCH_TRACE)
            trace.push([Math.round(due - started), Math.round(performance.now() - due)]);
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  if (trace.length)
    log(`slowest (due ms, latency ms): ${JSON.stringify(trace.sort((x, y) => y[1] - x[1]).slice(0, 25))}`);
  return { latencies, errors, perSecond: Math.round(latencies.length / elapsed) };
}

/** 100,000 index rows in one statement: 5 jurisdictions, 4 types, 4 statuses (independent of each other), a year of deposits. */
async function seed(databaseUrl: string, world: VerifyWorld): Promise<void> {
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const orgs = Object.values(world.organizations);
    await sql.query(
      `insert into agreements (id, status, type, jurisdictions, parties, organization_ids, effective_at, expires_at,
         metadata, metadata_hash, commitment, sealed_digest, sealed_size, nonce, signatures_hash, record_hash,
         depositor_id, idempotency_key, request_hash, created_at)
       select h.id, (array['FINAL','FINAL','FINAL','FINAL','ANCHORED','TERMINATED','SUPERSEDED'])[1 + i % 7],
         (array['nda','supply','service','licence'])[1 + i % 4],
         array[(array['DE','FR','IT','ES','NL'])[1 + i % 5]], array[h.id, h.id],
         array[($1::uuid[])[1 + i % 3], gen_random_uuid()],
         now() - (i % 700) * interval '1 day', now() + interval '3 years', '{}', h.id, h.id, h.id, 100, h.id, h.id,
         h.id, h.id, 'bench-' || i, h.id, now() - (i * interval '5 minutes')
       from generate_series(1, $2::int) as i,
         lateral (select '0x' || md5('a' || i) || md5('b' || i) as id) as h`,
      [orgs, SEEDED],
    );
    // What autovacuum would do after a bulk load: statistics, and the visibility map that
    // lets list pages come from the index alone.
    await sql.query('vacuum analyze agreements');
  } finally {
    await sql.end();
  }
}

async function main(): Promise<void> {
  const anvil = await startAnvil({ blockTime: 1 });
  const database = await benchDatabase('signet_bench_verify');
  const signet = await startSignetProcess({
    env: {
      DATABASE_URL: database.url,
      CHAIN_RPC_URL: anvil.rpcUrl,
      ANCHOR_PRIVATE_KEY: ANVIL_DEV_KEY,
      CONFIRMATIONS: '2',
      ANCHOR_INTERVAL_MS: '250',
      // One address sends everything here; the public limit is not what is measured.
      SIGNET_VERIFY_RATE_LIMIT_PER_MINUTE: '10000000',
      SIGNET_RATE_LIMIT_PER_MINUTE: '10000000',
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: process.env.SIGNET_BENCH_NODE_OPTIONS,
    },
  });
  try {
    log(`signet at ${signet.url}, database ${process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded'}`);
    const world = await createVerifyWorld(signet.url, signet.dataDir);
    const { acme, globex } = world.agents;
    const real: string[] = [];
    for (let i = 0; i < REAL; i++) {
      real.push((await depositThrough(world, [acme, globex], ['DE'], `Bench agreement ${i}.`)).blockchainId);
    }
    for (const id of real) await waitForStatus(acme.client, id, 'FINAL');
    log(`${REAL} real agreements anchored to FINAL`);

    const seedStarted = performance.now();
    await seed(database.url, world);
    log(`seeded ${SEEDED} agreements in ${Math.round(performance.now() - seedStarted)} ms`);

    for (const id of real) {
      const answer = (await post(signet.url, VERIFY, { id })) as { verify: { valid: boolean } };
      if (!answer.verify.valid) throw new Error(`${id} does not verify: ${JSON.stringify(answer)}`);
    }
    const sequential: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await post(signet.url, VERIFY, { id: real[i % real.length] });
      sequential.push(performance.now() - t0);
    }
    log(
      `verify by id, one at a time: p50 ${percentile(sequential, 50)} ms, p99 ${percentile(sequential, 99)} ms`,
    );
    const load = await openLoop(VERIFY_RATE, VERIFY_SECONDS, async (i) => {
      const answer = (await post(signet.url, VERIFY, { id: real[i % real.length] })) as {
        verify: { valid: boolean };
      };
      return answer.verify.valid;
    });
    const verifyP50 = percentile(load.latencies, 50);
    const verifyP99 = percentile(load.latencies, 99);
    log(
      `verify by id, open loop at ${VERIFY_RATE}/s for ${VERIFY_SECONDS} s: ${load.perSecond}/s answered, ` +
        `p50 ${verifyP50} ms, p99 ${verifyP99} ms, ${load.errors} errors`,
    );

    const token = world.regulators.de.token;
    const filters: Array<Record<string, unknown>> = [
      {},
      { type: 'supply' },
      { status: 'TERMINATED' },
      { organizationId: world.organizations.acme },
      { createdFrom: new Date(Date.now() - 30 * 86_400_000).toISOString() },
      { type: 'nda', effectiveFrom: new Date(Date.now() - 200 * 86_400_000).toISOString() },
    ];
    const list: number[] = [];
    let after: string | undefined;
    for (let i = 0; i < LIST_REQUESTS; i++) {
      const filter = filters[i % filters.length];
      // Every other request of the unfiltered kind turns the page, so deep keyset pages are measured too.
      const variables = { filter, first: 50, after: Object.keys(filter).length === 0 ? after : undefined };
      const t0 = performance.now();
      const data = (await post(signet.url, LIST, variables, token)) as {
        agreements: { edges: unknown[]; pageInfo: { endCursor?: string } };
      };
      list.push(performance.now() - t0);
      if (Object.keys(filter).length === 0) after = data.agreements.pageInfo.endCursor;
      if (data.agreements.edges.length === 0 && Object.keys(filter).length === 0) after = undefined;
    }
    const listP50 = percentile(list, 50);
    const listP99 = percentile(list, 99);
    log(
      `regulator list (DE, 50 a page, ${filters.length} filters, keyset pages): p50 ${listP50} ms, p99 ${listP99} ms`,
    );
    log(
      JSON.stringify({
        bench: 'verify',
        verifyPerSec: load.perSecond,
        verifyP50Ms: verifyP50,
        verifyP99Ms: verifyP99,
        listP99Ms: listP99,
      }),
    );
  } finally {
    agent.destroy();
    await signet.stop();
    await anvil.stop();
    await database.drop();
  }
}

runBench(main);
