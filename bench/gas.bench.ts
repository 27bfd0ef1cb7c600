// Gas per agreement of AgreementRegistry.recordBatch on a fresh anvil that enforces the
// post-Osaka per-transaction cap (EIP-7825, 16,777,216 gas), and the largest batch that fits
// under it. Ids and hashes are random, as real ones are, because the EIP-7623 calldata
// floor prices zero bytes lower. Public disclosure (recordBatchDisclosed, every agreement's
// metadata on chain) is measured at batch 100 beside it. Last line:
// {"bench":"gas","batch":100,"gasPerAgreement":N,"publicGasPerAgreement":P,"maxBatch":M}
import { hexlify, randomBytes, type JsonRpcProvider, type Signer } from 'ethers';
import { createProvider, recordBatchDisclosedCall, RegistryClient } from '@signet/chain';
import { startAnvil } from '@signet/embedded';
import { encodeDisclosure } from '@signet/formats';

const TX_GAS_CAP = 16_777_216n;
/** Hashed mode must not get dearer with public disclosure beside it (issue 21: 3,361 before). */
const HASHED_TARGET = 3_500;

const word = (): string => hexlify(randomBytes(32));
const words = (n: number): string[] => Array.from({ length: n }, word);

async function recordGas(registry: RegistryClient, size: number): Promise<bigint> {
  const tx = await registry.recordBatch(word(), words(size), words(size));
  const receipt = await tx.wait();
  if (!receipt || receipt.status !== 1) throw new Error(`batch of ${size} failed`);
  return receipt.gasUsed;
}

/**
 * A batch of `size` whose every agreement is disclosed, as the worker encodes it: two
 * parties, a type, two jurisdictions, a day and a UTC date-time, no parent (~110 bytes).
 */
async function publicGas(signer: Signer, registry: RegistryClient, size: number): Promise<bigint> {
  const ids = words(size);
  const disclosures = ids.map((_, index) => ({
    index,
    data: encodeDisclosure({
      type: 'CARBON-CREDIT',
      parties: words(2),
      jurisdictions: ['SG', 'US-NY'],
      effectiveAt: '2026-06-01',
      expiresAt: '2027-06-01T12:00:00Z',
    }),
  }));
  const data = recordBatchDisclosedCall(word(), ids, words(size), disclosures);
  const receipt = await (await signer.sendTransaction({ to: registry.address, data })).wait();
  if (!receipt || receipt.status !== 1) throw new Error(`public batch of ${size} failed`);
  return receipt.gasUsed;
}

/** Does a batch of this size fit under the cap? Asked of the node, which knows the cap. */
async function fits(registry: RegistryClient, size: number): Promise<boolean> {
  try {
    return (await registry.estimateRecordBatch(word(), words(size), words(size))) <= TX_GAS_CAP;
  } catch {
    return false; // estimate fails once the transaction cannot fit at all
  }
}

async function maxBatch(registry: RegistryClient, known: number): Promise<number> {
  let lo = known; // fits
  let hi = known * 2;
  while (await fits(registry, hi)) [lo, hi] = [hi, hi * 2];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await fits(registry, mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

async function main(): Promise<void> {
  const anvil = await startAnvil({ gasLimitCap: true });
  let provider: JsonRpcProvider | undefined;
  try {
    provider = createProvider(anvil.rpcUrl, { pollingInterval: 50 });
    const signer = await provider.getSigner(0);
    const registry = await RegistryClient.deploy(signer);
    let perAgreementAt100 = 0;
    for (const size of [1, 10, 100]) {
      const gas = await recordGas(registry, size);
      const per = Math.round(Number(gas) / size);
      if (size === 100) perAgreementAt100 = per;
      console.log(`batch ${String(size).padStart(3)}: ${gas} gas, ${per} per agreement`);
    }
    const publicPer = Math.round(Number(await publicGas(signer, registry, 100)) / 100);
    console.log(`public disclosure, batch 100: ${publicPer} per agreement (hashed: ${perAgreementAt100})`);
    const max = await maxBatch(registry, 100);
    // Prove the estimate with real transactions: the largest batch is mined, one more is refused.
    const atMax = await recordGas(registry, max);
    const overRefused = !(await recordGas(registry, max + 1).then(
      () => true,
      () => false,
    ));
    console.log(
      `max batch under ${TX_GAS_CAP} gas: ${max} (${atMax} gas; ${max + 1} refused: ${overRefused})`,
    );
    if (perAgreementAt100 > HASHED_TARGET) {
      console.log(`over target: ${perAgreementAt100} > ${HASHED_TARGET} gas per agreement (hashed)`);
      process.exitCode = 1;
    }
    console.log(
      JSON.stringify({
        bench: 'gas',
        batch: 100,
        gasPerAgreement: perAgreementAt100,
        publicGasPerAgreement: publicPer,
        maxBatch: max,
      }),
    );
  } finally {
    provider?.destroy();
    await anvil.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
