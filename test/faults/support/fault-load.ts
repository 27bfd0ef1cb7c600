/**
 * A steady load of deposits, single and batched, that keeps a ledger: every deposit the
 * service acknowledged (and when), and every failure with the code it carried. A deposit
 * that failed is sent again later with the same idempotency key, as a client would, until
 * it is acknowledged.
 */
import { Agent, request } from 'node:http';
import { batchBody, type PreparedDeposit } from '../../../bench/support/fast-drafts';
import type { Random } from './seeded-random';

export interface Failure {
  at: number;
  /** The error's extensions.code; TRANSPORT when no answer came; NO_CODE when it had none. */
  code: string;
  httpStatus: number | null;
  message: string;
  /** A request sent while the harness had the API down (a transport error is then expected). */
  apiDown: boolean;
}

export interface Ledger {
  /** Agreement id → when it was first acknowledged (ms since the epoch). */
  acknowledged: Map<string, number>;
  failures: Failure[];
  requests: number;
}

export interface LoadOptions {
  deposits: PreparedDeposit[];
  url: string;
  token: string;
  random: Random;
  /** Deposits per second to aim at. */
  rate: number;
  concurrency: number;
  /** True while the harness has the API process down. */
  apiDown(): boolean;
  /**
   * Once this says stop, no new deposit is sent; what failed is still sent again until it is
   * acknowledged. `deposits` should hold more than will be needed: the load must not run dry
   * while parts are still being killed.
   */
  done(): boolean;
}

const REQUEST_TIMEOUT_MS = 90_000;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

interface GraphqlAnswer {
  data?: {
    depositAgreement?: { id: string } | null;
    depositAgreements?: Array<{
      index: number;
      result: { id: string } | null;
      error: { code: string } | null;
    }>;
  } | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export function emptyLedger(): Ledger {
  return { acknowledged: new Map(), failures: [], requests: 0 };
}

export async function runLoad(options: LoadOptions, ledger: Ledger = emptyLedger()): Promise<Ledger> {
  const waiting: PreparedDeposit[][] = [];
  for (let next = 0; next < options.deposits.length;) {
    const size = options.random.next() < 0.6 ? 1 : options.random.int(2, 8);
    waiting.push(options.deposits.slice(next, next + size));
    next += size;
  }
  const retries: PreparedDeposit[][] = [];
  const intervalMs = 1000 / options.rate;
  let nextAt = performance.now();
  const worker = async (): Promise<void> => {
    for (;;) {
      const unit = retries.shift() ?? (options.done() ? undefined : waiting.shift());
      if (!unit) {
        if (options.done()) return;
        await sleep(100);
        continue;
      }
      // Paced by deposits, not requests: a batch of 5 takes five deposits' room.
      const wait = nextAt - performance.now();
      nextAt = Math.max(nextAt, performance.now()) + intervalMs * unit.length;
      if (wait > 0) await sleep(wait);
      const failed = await send(unit, options, ledger);
      if (failed.length > 0) {
        await sleep(200 + options.random.int(0, 300));
        retries.push(failed);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return ledger;
}

export interface DepositTarget {
  url: string;
  token: string;
  apiDown(): boolean;
}

/** Sends one request (one deposit, or a batch); what was not acknowledged, to be sent again. */
export async function send(
  unit: PreparedDeposit[],
  options: DepositTarget,
  ledger: Ledger,
): Promise<PreparedDeposit[]> {
  const apiDown = options.apiDown();
  const at = Date.now();
  ledger.requests += 1;
  const single = unit.length === 1;
  let status: number;
  let answer: GraphqlAnswer;
  try {
    ({ status, answer } = await post(options.url, single ? unit[0].body : batchBody(unit), options.token));
  } catch (error) {
    ledger.failures.push({
      at,
      code: 'TRANSPORT',
      httpStatus: null,
      message: (error as Error).message,
      apiDown: apiDown || options.apiDown(),
    });
    return unit;
  }
  const now = Date.now();
  if (answer.errors?.length) {
    const [first] = answer.errors;
    ledger.failures.push({
      at,
      code: first.extensions?.code ?? 'NO_CODE',
      httpStatus: status,
      message: first.message,
      apiDown,
    });
    return unit;
  }
  if (single) {
    if (answer.data?.depositAgreement?.id) {
      acknowledge(ledger, unit[0].agreementId, now);
      return [];
    }
    ledger.failures.push({ at, code: 'NO_CODE', httpStatus: status, message: 'no data', apiDown });
    return unit;
  }
  const again: PreparedDeposit[] = [];
  const items = answer.data?.depositAgreements ?? [];
  unit.forEach((deposit, index) => {
    const item = items.find((candidate) => candidate.index === index);
    if (item?.result && !item.error) return acknowledge(ledger, deposit.agreementId, now);
    ledger.failures.push({
      at,
      code: item?.error?.code ?? 'NO_CODE',
      httpStatus: status,
      message: 'batch item refused',
      apiDown,
    });
    again.push(deposit);
  });
  return again;
}

function acknowledge(ledger: Ledger, id: string, at: number): void {
  if (!ledger.acknowledged.has(id)) ledger.acknowledged.set(id, at);
}

function post(url: string, body: Buffer, token: string): Promise<{ status: number; answer: GraphqlAnswer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, answer: JSON.parse(text) as GraphqlAnswer });
          } catch {
            resolve({
              status: res.statusCode ?? 0,
              answer: { errors: [{ message: `not JSON (HTTP ${res.statusCode}): ${text.slice(0, 200)}` }] },
            });
          }
        });
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () =>
      req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
