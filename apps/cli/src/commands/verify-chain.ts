import { RegistryClient, createProvider, credentialKeyFrom } from '@signet/chain';
import {
  parseReceipt,
  verifyEvidence,
  type BlockchainId,
  type CredentialKey,
  type EvidenceCheck,
  type Receipt,
} from '@signet/formats';
import { checkConfirmations } from '@signet/domain';
import { CHAIN_HINT, CliError, ExitCode } from '../cli-error';

const STATUS_NAMES: Record<number, string> = { 1: 'AMENDED', 2: 'TERMINATED', 3: 'SHREDDED' };
const RPC_TIMEOUT_MS = 20_000;

export interface CourtEvidence {
  blockchainId: string;
  parsed: BlockchainId;
  rpcUrl: string;
  receiptText: string;
  text?: string;
  salt?: string;
  confirmations: number;
  /** Where the registry's logs start; scanning from block 0 is only sensible on small chains. */
  fromBlock?: number;
}

export interface CliVerdict {
  valid: boolean;
  checks: EvidenceCheck[];
  warnings: string[];
}

/**
 * The court's path (flow 6): the blockchain id, any RPC endpoint of its chain and the
 * party's receipt; nothing from Signet. The chain is read by log queries on the registry
 * the id names: the agreement's records, the signers' credential events and status events.
 */
export async function verifyAgainstChain(evidence: CourtEvidence): Promise<CliVerdict> {
  let receipt: Receipt;
  try {
    receipt = parseReceipt(evidence.receiptText);
  } catch (error) {
    return {
      valid: false,
      checks: [{ name: 'receipt', ok: false, detail: (error as Error).message }],
      warnings: [],
    };
  }
  const chainId = Number(evidence.parsed.chainId);
  const provider = createProvider(evidence.rpcUrl, { chainId });
  try {
    const served = await reach(provider.send('eth_chainId', []) as Promise<string>, evidence.rpcUrl);
    if (BigInt(served) !== evidence.parsed.chainId) {
      throw new CliError(
        ExitCode.Usage,
        `${evidence.rpcUrl} serves chain ${BigInt(served)}, the blockchain id names chain ${evidence.parsed.chainId}`,
      );
    }
    const registry = RegistryClient.attach(evidence.parsed.registry, provider, {
      fromBlock: evidence.fromBlock ?? 0,
    });
    const agreementId = evidence.parsed.agreementId;
    const [records, statusLogs, head, credentialKeys] = await reach(
      Promise.all([
        registry.findAgreementRecords(agreementId),
        registry.findStatusEvents(agreementId),
        registry.blockNumber(),
        credentialKeysOf(
          registry,
          receipt.signatures.map((s) => s.credentialId),
        ),
      ]),
      evidence.rpcUrl,
    );
    const verdict = verifyEvidence({
      blockchainId: evidence.blockchainId,
      receipt,
      onChainRecords: records,
      credentialKeys,
      statusEvents: statusLogs.map((log) => ({
        status: STATUS_NAMES[log.status] ?? `STATUS_${log.status}`,
        blockNumber: log.blockNumber,
        logIndex: log.logIndex,
        txHash: log.txHash,
      })),
      text: evidence.text,
      salt: evidence.salt,
    });
    const anchorBlock = records[0]?.blockNumber ?? receipt.anchor.blockNumber;
    const latest = verdict.status;
    const checks: EvidenceCheck[] = [
      ...verdict.checks,
      checkConfirmations(anchorBlock, head, evidence.confirmations),
      {
        name: 'status',
        ok: true,
        detail: latest
          ? `${latest.status} on chain at block ${latest.blockNumber}`
          : 'no status change on chain',
      },
    ];
    return { valid: checks.every((check) => check.ok), checks, warnings: verdict.warnings };
  } finally {
    provider.destroy();
  }
}

async function credentialKeysOf(
  registry: RegistryClient,
  ids: string[],
): Promise<Map<string, CredentialKey>> {
  const keys = new Map<string, CredentialKey>();
  for (const id of new Set(ids)) {
    const key = credentialKeyFrom(await registry.findCredentialEvents(id));
    if (key) keys.set(id, key);
  }
  return keys;
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
