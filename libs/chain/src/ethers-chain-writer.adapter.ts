import { Wallet, type JsonRpcProvider } from 'ethers';
import {
  ChainWriter,
  classifyBroadcastError,
  type BroadcastResult,
  type ChainHead,
  type Fees,
  type MinedReceipt,
  type RegistryCall,
  type SignedTx,
  type UnsignedTx,
} from '@signet/domain';
import { errorText } from './chain-error-text';
import { signEip1559 } from './eip1559-signer';
import { registryCallData } from './registry-calls';
import { topicOf } from './registry-logs';

const AGREEMENT_RECORDED = topicOf('AgreementRecorded');
/** What a node asks for a tip when it says nothing: 1 gwei. */
const DEFAULT_TIP = 1_000_000_000n;

/** eth_getTransactionReceipt as the node sends it (quantities in hex). */
interface RpcReceipt {
  transactionHash: string;
  blockNumber: string | null;
  blockHash: string | null;
  status: string;
  logs: { address: string; topics: string[]; logIndex: string }[];
}

/**
 * The ChainWriter over one ethers provider and the anchoring key. The key is turned into a
 * Wallet here and nowhere else; it signs locally with explicit nonce, gas and fees (never
 * letting ethers fill them in), so what the worker stores before broadcast is byte for byte
 * what reaches the node.
 */
export class EthersChainWriter extends ChainWriter {
  private readonly wallet: Wallet;
  private readonly registry: string;

  constructor(
    private readonly provider: JsonRpcProvider,
    anchorPrivateKey: string,
    readonly registryAddress: string,
    readonly chainId: number,
  ) {
    super();
    this.wallet = new Wallet(anchorPrivateKey);
    this.registry = registryAddress.toLowerCase();
  }

  get signerAddress(): string {
    return this.wallet.address;
  }

  encode(call: RegistryCall): string {
    return registryCallData(call);
  }

  estimateGas(calldata: string): Promise<bigint> {
    return this.provider.estimateGas({ from: this.wallet.address, to: this.registryAddress, data: calldata });
  }

  async networkFees(): Promise<Fees> {
    const fee = await this.provider.getFeeData();
    const tip = fee.maxPriorityFeePerGas ?? DEFAULT_TIP;
    return { maxFeePerGas: fee.maxFeePerGas ?? (fee.gasPrice ?? 0n) * 2n + tip, maxPriorityFeePerGas: tip };
  }

  sign(tx: UnsignedTx): SignedTx {
    return signEip1559(
      {
        chainId: this.chainId,
        nonce: tx.nonce,
        to: this.registryAddress,
        data: tx.calldata,
        value: 0n,
        gasLimit: tx.gasLimit,
        maxFeePerGas: tx.fees.maxFeePerGas,
        maxPriorityFeePerGas: tx.fees.maxPriorityFeePerGas,
      },
      this.wallet.signingKey,
    );
  }

  async broadcast(raw: string): Promise<BroadcastResult> {
    try {
      await this.provider.send('eth_sendRawTransaction', [raw]);
      return { outcome: 'accepted' };
    } catch (error) {
      const detail = errorText(error);
      return { outcome: classifyBroadcastError(detail), detail };
    }
  }

  pendingNonce(): Promise<number> {
    return this.provider.getTransactionCount(this.wallet.address, 'pending');
  }

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
          recordedLogIndexes: this.recordedLogIndexes(receipt),
        };
    }
    return null;
  }

  async knows(hash: string): Promise<boolean> {
    return (await this.provider.getTransaction(hash)) !== null;
  }

  /** AgreementRecorded logs of our registry (the node's address case varies): agreement id → log index. */
  private recordedLogIndexes(receipt: RpcReceipt): Map<string, number> {
    const indexes = new Map<string, number>();
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== this.registry) continue;
      if (log.topics[0] !== AGREEMENT_RECORDED || !log.topics[1]) continue;
      indexes.set(log.topics[1].toLowerCase(), Number(log.logIndex));
    }
    return indexes;
  }
}
