import type { Fees } from '../anchoring/fee-bump.policy';
import type { BroadcastOutcome } from '../anchoring/nonce.policy';
import type { OutboxWork } from '../anchoring/outbox-work';

/** A leaf of a batch: its id, record hash and, when its packs disclose it, its canonical metadata JSON. */
export interface BatchLeaf {
  id: string;
  recordHash: string;
  disclosedMetadata: string | null;
}

/** One transaction's worth of work for the registry contract. */
export type RegistryCall =
  /** A Merkle batch of agreements: recordBatch, or recordBatchDisclosed when a leaf is disclosed. */
  | { kind: 'batch'; root: string; leaves: readonly BatchLeaf[] }
  /** One of the rare single calls (credentials, status, policy activation, audit checkpoint). */
  | { kind: 'single'; work: Exclude<OutboxWork, { kind: 'agreement' }> };

/** What goes to the node, byte for byte: stored before it is sent, so a crash can only re-send it. */
export interface SignedTx {
  /** The serialized signed transaction, 0x hex, as eth_sendRawTransaction takes it. */
  raw: string;
  hash: string;
}

export interface UnsignedTx {
  nonce: number;
  /** 0x hex calldata, as `encode` gave it. */
  calldata: string;
  gasLimit: bigint;
  fees: Fees;
}

export interface ChainHead {
  number: number;
  hash: string;
}

export interface MinedReceipt {
  txHash: string;
  blockNumber: number;
  blockHash: string;
  succeeded: boolean;
  /** The registry's AgreementRecorded logs in this receipt: agreement id (lower-case hex) → log index. */
  recordedLogIndexes: ReadonlyMap<string, number>;
}

export interface BroadcastResult {
  outcome: BroadcastOutcome;
  /** The node's words, when it refused. */
  detail?: string;
}

/**
 * Everything the anchor worker needs of the chain, over the anchoring key. Only the
 * adapter holds the key: the worker asks it to encode, sign and send, and stores what it
 * gets back before anything is sent. Signing is local with explicit nonce, gas and fees,
 * so what is stored is exactly what reaches the node.
 */
export abstract class ChainWriter {
  /** The anchoring key's address. */
  abstract readonly signerAddress: string;

  /** The calldata of one registry call, 0x hex (stored with the transaction; a replacement signs it again). */
  abstract encode(call: RegistryCall): string;

  abstract estimateGas(calldata: string): Promise<bigint>;

  /** The network's current EIP-1559 fees, before any ceiling. */
  abstract networkFees(): Promise<Fees>;

  /** Signs a call to the registry with the anchoring key; nothing is sent. */
  abstract sign(tx: UnsignedTx): SignedTx;

  /** Sends a raw transaction; a node's refusal comes back as an outcome, never thrown. */
  abstract broadcast(raw: string): Promise<BroadcastResult>;

  /** The key's nonce counting transactions still in the node's pool. */
  abstract pendingNonce(): Promise<number>;

  /** The key's nonce counting only mined transactions. */
  abstract minedNonce(): Promise<number>;

  abstract head(): Promise<ChainHead>;

  /** The canonical block's hash at this height, or null when there is none (yet). */
  abstract canonicalHash(blockNumber: number): Promise<string | null>;

  /** The receipt of whichever of these hashes was mined (a nonce's replacements exclude each other). */
  abstract findReceipt(hashes: readonly string[]): Promise<MinedReceipt | null>;

  /** Whether the node still has the transaction (in its pool or in a block). */
  abstract knows(hash: string): Promise<boolean>;
}
