import { RegistryClient, createProvider, credentialKeyFrom } from '@signet/chain';
import {
  credentialIdOfDocument,
  standingRecord,
  statusName,
  type BlockchainId,
  type CredentialKey,
  type OnChainDisclosure,
  type OnChainAuditCheckpoint,
  type OnChainRecord,
  type Receipt,
  type StatusEvent,
} from '@signet/formats';
import { CHAIN_HINT, CliError, ExitCode } from '../cli-error';

const RPC_TIMEOUT_MS = 20_000;

export type FinalityMode = { depth: number } | 'finalized';

export interface ChainViewQuery {
  parsed: BlockchainId;
  receipt: Receipt;
  /** Ids of agreements named by SUPERSEDED evidence, whose records are read too. */
  amendingIds: string[];
  fromBlock: number;
  logRange: number;
  finality: FinalityMode;
  /** Whether to read the registry's AuditCheckpoint logs (a bundle with an audit checkpoint). */
  auditCheckpoints?: boolean;
}

/** Everything one endpoint says that a verdict depends on; two endpoints must say the same. */
export interface ChainView {
  records: OnChainRecord[];
  /** AgreementDisclosed logs for the id: its public metadata, when a pack disclosed it. */
  disclosures: OnChainDisclosure[];
  statusEvents: StatusEvent[];
  credentialKeys: Map<string, CredentialKey>;
  anchorTimestamp: number | null;
  amendmentRecords: Map<string, OnChainRecord[]>;
  auditCheckpoints: OnChainAuditCheckpoint[];
  /** The head, or the `finalized` block: not compared, the lowest one is used. */
  finalityBlock: number;
}

/**
 * Reads the chain through one endpoint: logs by topic on the registry the id names, from
 * the deployment block in windows of `logRange` blocks (public endpoints refuse wide
 * eth_getLogs). The endpoint is trusted to be complete; the CLI asks several to agree.
 */
export async function readChainView(rpcUrl: string, query: ChainViewQuery): Promise<ChainView> {
  const provider = createProvider(rpcUrl, { chainId: Number(query.parsed.chainId) });
  try {
    const served = await reach(provider.send('eth_chainId', []) as Promise<string>, rpcUrl);
    if (BigInt(served) !== query.parsed.chainId) {
      throw new CliError(
        ExitCode.Usage,
        `${rpcUrl} serves chain ${BigInt(served)}, the blockchain id names chain ${query.parsed.chainId}`,
      );
    }
    const registry = RegistryClient.attach(query.parsed.registry, provider, {
      fromBlock: query.fromBlock,
      maxLogRange: query.logRange,
    });
    const id = query.parsed.agreementId;
    const receipt = query.receipt;
    const credentialIds = new Set([
      ...receipt.parties,
      ...(receipt.ratifications ?? []).map((r) => r.credentialId),
      ...(receipt.credentials ?? []).map((c) => credentialIdOfDocument(c.document)),
    ]);
    return await reach(
      (async () => {
        const records = (await registry.findAgreementRecords(id)).map(toRecord);
        const anchorBlock = standingRecord(receipt, records)?.blockNumber ?? receipt.anchor.blockNumber;
        const [statusLogs, finalityBlock, block, credentialKeys, amendmentRecords, disclosed, checkpoints] =
          await Promise.all([
            registry.findStatusEvents(id),
            query.finality === 'finalized'
              ? provider.getBlock('finalized').then((b) => b?.number ?? -1)
              : registry.blockNumber(),
            provider.getBlock(anchorBlock),
            credentialKeysOf(registry, [...credentialIds]),
            amendmentRecordsOf(registry, query.amendingIds),
            registry.findDisclosures(id),
            query.auditCheckpoints ? registry.findAuditCheckpoints() : Promise.resolve([]),
          ]);
        return {
          records,
          disclosures: disclosed.map(({ data, blockNumber, logIndex, txHash }) => ({
            data,
            blockNumber,
            logIndex,
            txHash,
          })),
          statusEvents: statusLogs.map((log) => ({
            status: statusName(log.status),
            blockNumber: log.blockNumber,
            logIndex: log.logIndex,
            txHash: log.txHash,
            detail: log.detail,
          })),
          credentialKeys,
          anchorTimestamp: block?.timestamp ?? null,
          amendmentRecords,
          auditCheckpoints: checkpoints.map((log) => ({
            sequence: Number(log.sequence),
            head: log.head,
            txHash: log.txHash,
            blockNumber: log.blockNumber,
          })),
          finalityBlock,
        };
      })(),
      rpcUrl,
    );
  } finally {
    provider.destroy();
  }
}

/** What two endpoints must agree on, as one comparable text. */
export function viewFingerprint(view: ChainView): string {
  return JSON.stringify({
    records: view.records,
    disclosures: view.disclosures,
    statusEvents: view.statusEvents,
    credentialKeys: [...view.credentialKeys.entries()].sort(),
    anchorTimestamp: view.anchorTimestamp,
    amendmentRecords: [...view.amendmentRecords.entries()].sort(),
    auditCheckpoints: view.auditCheckpoints,
  });
}

function toRecord(log: OnChainRecord): OnChainRecord {
  const { recordHash, batchRoot, blockNumber, logIndex, txHash, blockHash } = log;
  return { recordHash, batchRoot, blockNumber, logIndex, txHash, blockHash };
}

async function credentialKeysOf(
  registry: RegistryClient,
  ids: string[],
): Promise<Map<string, CredentialKey>> {
  const keys = new Map<string, CredentialKey>();
  for (const id of ids) {
    const key = credentialKeyFrom(await registry.findCredentialEvents(id));
    if (key) keys.set(id, key);
  }
  return keys;
}

async function amendmentRecordsOf(
  registry: RegistryClient,
  ids: string[],
): Promise<Map<string, OnChainRecord[]>> {
  const found = new Map<string, OnChainRecord[]>();
  for (const id of ids) found.set(id, (await registry.findAgreementRecords(id)).map(toRecord));
  return found;
}

/** Any failure to talk to the endpoint (refused, timed out, not JSON-RPC) is exit 3. */
async function reach<T>(work: Promise<T>, rpcUrl: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${RPC_TIMEOUT_MS / 1000} s`)),
      RPC_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      ExitCode.Unreachable,
      `cannot read the chain at ${rpcUrl}: ${(error as Error).message}. ${CHAIN_HINT}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
