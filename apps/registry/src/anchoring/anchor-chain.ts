import type { JsonRpcProvider, Wallet } from 'ethers';
import { signEip1559, type SignedEip1559 } from '@signet/chain';
import { classifyBroadcastError, type BroadcastOutcome, type Fees } from '@signet/domain';

export type SignedTx = SignedEip1559;

/** The parts of a log the worker reads (address as the node wrote it; compare case-insensitively). */
export interface ReceiptLog {
  address: string;
  topics: readonly string[];
  index: number;
}

export interface MinedReceipt {
  txHash: string;
  blockNumber: number;
  blockHash: string;
  succeeded: boolean;
  logs: readonly ReceiptLog[];
}

/** eth_getTransactionReceipt as the node sends it (quantities in hex). */
interface RpcReceipt {
  transactionHash: string;
  blockNumber: string | null;
  blockHash: string | null;
  status: string;
  logs: { address: string; topics: string[]; logIndex: string }[];
}

export interface ChainHead {
  number: number;
  hash: string;
}

/**
 * Everything the worker asks of the chain, over one provider and the anchoring key. It
 * signs locally with explicit nonce, gas and fees (never letting ethers fill them in), so
 * what is stored before broadcast is byte for byte what reaches the node.
 */
export class AnchorChain {
  constructor(
    private readonly provider: JsonRpcProvider,
    private readonly wallet: Wallet,
    readonly registryAddress: string,
    readonly chainId: number,
  ) {}

  get signerAddress(): string {
    return this.wallet.address;
  }

  estimateGas(data: string): Promise<bigint> {
    return this.provider.estimateGas({ from: this.wallet.address, to: this.registryAddress, data });
  }

  async networkFees(): Promise<Fees> {
    const fee = await this.provider.getFeeData();
    const tip = fee.maxPriorityFeePerGas ?? 1_000_000_000n;
    return { maxFeePerGas: fee.maxFeePerGas ?? (fee.gasPrice ?? 0n) * 2n + tip, maxPriorityFeePerGas: tip };
  }

  sign(nonce: number, data: string, gasLimit: bigint, fees: Fees): SignedTx {
    return signEip1559(
      {
        chainId: this.chainId,
        nonce,
        to: this.registryAddress,
        data,
        value: 0n,
        gasLimit,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      },
      this.wallet.signingKey,
    );
  }

  /** Sends a raw transaction; a node's refusal comes back as an outcome, never thrown. */
  async broadcast(raw: string): Promise<{ outcome: BroadcastOutcome; detail?: string }> {
    try {
      await this.provider.send('eth_sendRawTransaction', [raw]);
      return { outcome: 'accepted' };
    } catch (error) {
      const detail = errorText(error);
      return { outcome: classifyBroadcastError(detail), detail };
    }
  }

  /** Nonce counting transactions still in the node's pool. */
  pendingNonce(): Promise<number> {
    return this.provider.getTransactionCount(this.wallet.address, 'pending');
  }

  /** Nonce counting only mined transactions. */
  minedNonce(): Promise<number> {
    return this.provider.getTransactionCount(this.wallet.address, 'latest');
  }

  async head(): Promise<ChainHead> {
    const block = await this.provider.getBlock('latest');
    if (!block?.hash) throw new Error('the node returned no latest block');
    return { number: block.number, hash: block.hash };
  }

  async canonicalHash(blockNumber: number): Promise<string | null> {
    return (await this.provider.getBlock(blockNumber))?.hash ?? null;
  }

  /**
   * The receipt of whichever hash was mined (a nonce's replacements exclude each other).
   * Asked with a plain RPC call: a batch's receipt holds one log per agreement, and ethers'
   * receipt wrapping (a Log object and a checksummed address per log) was ~0.1 ms of worker
   * CPU per agreement for fields the worker never reads.
   */
  async findReceipt(hashes: readonly string[]): Promise<MinedReceipt | null> {
    for (const hash of [...hashes].reverse()) {
      const receipt = (await this.provider.send('eth_getTransactionReceipt', [hash])) as RpcReceipt | null;
      if (receipt?.blockNumber && receipt.blockHash)
        return {
          txHash: receipt.transactionHash,
          blockNumber: Number(receipt.blockNumber),
          blockHash: receipt.blockHash,
          succeeded: Number(receipt.status) === 1,
          logs: receipt.logs.map((log) => ({
            address: log.address,
            topics: log.topics,
            index: Number(log.logIndex),
          })),
        };
    }
    return null;
  }

  /** Whether the node still has the transaction (in its pool or in a block). */
  async knows(hash: string): Promise<boolean> {
    return (await this.provider.getTransaction(hash)) !== null;
  }
}

/** ethers nests the node's words several levels deep; gather them all for classification. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const key of ['message', 'shortMessage'])
      if (typeof record[key] === 'string') parts.push(record[key]);
    for (const key of ['error', 'info', 'cause']) visit(record[key], depth + 1);
  };
  visit(error, 0);
  return parts.join(' | ') || String(error);
}
