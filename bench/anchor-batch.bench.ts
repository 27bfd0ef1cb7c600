/**
 * npm run bench:anchor-batch — the anchor worker's CPU per batch transaction: the Merkle
 * tree, the recordBatch calldata and the signed transaction for a batch of 250 agreements
 * (the worker's default batch is 200; 250/s for a second), by Signet's paths and by ethers'
 * generic ones, which the worker used before. One process, one core; the last line is JSON.
 */
import { randomBytes } from 'node:crypto';
import { Transaction, Wallet } from 'ethers';
import { recordBatchCall, registryInterface, signEip1559 } from '@signet/chain';
import { buildBatch } from '@signet/formats';
import { runBench } from './support/run-bench';

const BATCH = Number(process.env.BENCH_BATCH) || 250;
const ROUNDS = 30;
const REGISTRY = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

/** Median milliseconds of `body` over ROUNDS runs, after one warm-up. */
async function medianMs(body: () => unknown): Promise<number> {
  await body();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await body();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(ROUNDS / 2)] * 100) / 100;
}

async function main(): Promise<void> {
  const word = () => `0x${randomBytes(32).toString('hex')}`;
  const entries = Array.from({ length: BATCH }, () => ({ id: word(), recordHash: word() }));
  const ids = entries.map((e) => e.id);
  const hashes = entries.map((e) => e.recordHash);
  const wallet = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
  const { root } = buildBatch(entries);
  const data = recordBatchCall(root, ids, hashes);
  const fields = {
    chainId: 31337,
    nonce: 12,
    to: REGISTRY,
    value: 0n,
    data,
    gasLimit: 2_000_000n,
    maxFeePerGas: 3_000_000_000n,
    maxPriorityFeePerGas: 1_000_000_000n,
  };

  const figures = {
    treeMs: await medianMs(() => buildBatch(entries)),
    calldataMs: await medianMs(() => recordBatchCall(root, ids, hashes)),
    calldataEthersMs: await medianMs(() =>
      registryInterface.encodeFunctionData('recordBatch', [root, ids, hashes]),
    ),
    signMs: await medianMs(() => signEip1559(fields, wallet.signingKey)),
    signEthersMs: await medianMs(async () => {
      const raw = await wallet.signTransaction({ type: 2, ...fields });
      return Transaction.from(raw).hash;
    }),
  };
  console.log(
    `a batch of ${BATCH} agreements, ${(data.length - 2) / 2} bytes of calldata, median of ${ROUNDS}:`,
  );
  console.log(`  Merkle tree                    ${figures.treeMs} ms`);
  console.log(
    `  calldata                       ${figures.calldataMs} ms  (ethers' ABI encoder: ${figures.calldataEthersMs} ms)`,
  );
  console.log(
    `  signed transaction and hash    ${figures.signMs} ms  (ethers' signTransaction, hash read back: ${figures.signEthersMs} ms)`,
  );
  console.log(
    JSON.stringify({ bench: 'anchor-batch', batch: BATCH, calldataBytes: (data.length - 2) / 2, ...figures }),
  );
}

runBench(main);
