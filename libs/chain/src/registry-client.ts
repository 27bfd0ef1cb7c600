import {
  Contract,
  ContractFactory,
  getAddress,
  keccak256,
  toUtf8Bytes,
  type ContractRunner,
  type ContractTransaction,
  type ContractTransactionResponse,
  type Overrides,
  type Provider,
  type Signer,
} from 'ethers';
import { REGISTRY_ABI, REGISTRY_BYTECODE } from './artifact';
import {
  decodeAgreementDisclosed,
  decodeAgreementRecorded,
  decodeAuditCheckpoint,
  decodeBatchRecorded,
  decodeCredentialEvent,
  decodeStatusChanged,
  queryLogs,
  toBytes32,
  topicOf,
} from './registry-logs';
import type {
  AgreementDisclosedLog,
  AgreementRecordLog,
  AgreementStatusCode,
  AuditCheckpointLog,
  BatchRecordLog,
  Bytes32,
  CredentialEventLog,
  CredentialInput,
  StatusEventLog,
} from './registry-types';

/** Must match AgreementRegistry.REGISTRAR_ROLE. */
export const REGISTRAR_ROLE = keccak256(toUtf8Bytes('REGISTRAR_ROLE'));

/** Nonce, gas and fee fields a caller (the anchor worker) may fix itself. */
export type TxOverrides = Omit<Overrides, 'from'>;

export interface RegistryClientOptions {
  /** First block worth scanning for logs: the deployment block. Default 0. */
  fromBlock?: number;
  /** Largest eth_getLogs block range the RPC endpoint accepts; unlimited by default. */
  maxLogRange?: number;
}

export interface DeployOptions {
  /** Account granted REGISTRAR_ROLE; default the deployer. The deployer is always admin. */
  registrar?: string;
  overrides?: TxOverrides;
}

/**
 * Typed access to one AgreementRegistry. Writes return the sent transaction and never wait
 * for it, so the caller decides on confirmations; `populate*` return the unsigned call for
 * callers that sign and send themselves.
 */
export class RegistryClient {
  private readonly contract: Contract;

  private constructor(
    readonly address: string,
    private readonly runner: ContractRunner,
    private readonly opts: RegistryClientOptions,
  ) {
    this.contract = new Contract(address, REGISTRY_ABI, runner);
  }

  /** Deploys a registry and waits until its code is on chain. */
  static async deploy(signer: Signer, opts: DeployOptions = {}): Promise<RegistryClient> {
    const registrar = opts.registrar ?? (await signer.getAddress());
    const factory = new ContractFactory(REGISTRY_ABI, REGISTRY_BYTECODE, signer);
    const contract = await factory.deploy(getAddress(registrar), opts.overrides ?? {});
    const receipt = await contract.deploymentTransaction()?.wait();
    const address = await contract.getAddress();
    return new RegistryClient(address, signer, { fromBlock: receipt?.blockNumber ?? 0 });
  }

  static attach(
    address: string,
    runner: Signer | Provider,
    opts: RegistryClientOptions = {},
  ): RegistryClient {
    return new RegistryClient(getAddress(address), runner, opts);
  }

  /** The same registry, acting through another signer. */
  connect(runner: Signer | Provider): RegistryClient {
    return new RegistryClient(this.address, runner, this.opts);
  }

  get deployBlock(): number {
    return this.opts.fromBlock ?? 0;
  }

  // ---- writes --------------------------------------------------------------------------

  async populateRecordBatch(
    root: Bytes32,
    ids: Bytes32[],
    recordHashes: Bytes32[],
    overrides: TxOverrides = {},
  ): Promise<ContractTransaction> {
    return this.fn('recordBatch').populateTransaction(...batchArgs(root, ids, recordHashes), overrides);
  }

  async recordBatch(
    root: Bytes32,
    ids: Bytes32[],
    recordHashes: Bytes32[],
    overrides: TxOverrides = {},
  ): Promise<ContractTransactionResponse> {
    return this.fn('recordBatch').send(...batchArgs(root, ids, recordHashes), overrides);
  }

  async estimateRecordBatch(root: Bytes32, ids: Bytes32[], recordHashes: Bytes32[]): Promise<bigint> {
    return this.fn('recordBatch').estimateGas(...batchArgs(root, ids, recordHashes));
  }

  async setStatus(
    id: Bytes32,
    status: AgreementStatusCode,
    detail: Bytes32,
    overrides: TxOverrides = {},
  ): Promise<ContractTransactionResponse> {
    return this.fn('setStatus').send(toBytes32(id, 'id'), status, toBytes32(detail, 'detail'), overrides);
  }

  async issueCredential(
    c: CredentialInput,
    overrides: TxOverrides = {},
  ): Promise<ContractTransactionResponse> {
    return this.fn('issueCredential').send(
      toBytes32(c.credentialId, 'credentialId'),
      toBytes32(c.signingKey, 'signingKey'),
      toBytes32(c.boxKey, 'boxKey'),
      toBytes32(c.documentHash, 'documentHash'),
      c.notAfter,
      overrides,
    );
  }

  async revokeCredential(
    credentialId: Bytes32,
    reasonHash: Bytes32,
    overrides: TxOverrides = {},
  ): Promise<ContractTransactionResponse> {
    return this.fn('revokeCredential').send(
      toBytes32(credentialId, 'credentialId'),
      toBytes32(reasonHash, 'reasonHash'),
      overrides,
    );
  }

  async checkpointAudit(
    sequence: bigint,
    head: Bytes32,
    overrides: TxOverrides = {},
  ): Promise<ContractTransactionResponse> {
    return this.fn('checkpointAudit').send(sequence, toBytes32(head, 'head'), overrides);
  }

  /** Admin only: lets another account (e.g. a rotated worker key) record. */
  async grantRegistrar(account: string, overrides: TxOverrides = {}): Promise<ContractTransactionResponse> {
    return this.fn('grantRole').send(REGISTRAR_ROLE, getAddress(account), overrides);
  }

  // ---- reads ---------------------------------------------------------------------------

  async isRegistrar(account: string): Promise<boolean> {
    return (await this.read('hasRole', REGISTRAR_ROLE, getAddress(account))) === true;
  }

  /** Block in which a batch root was recorded, or null if it never was. */
  async batchRecordedAt(root: Bytes32): Promise<number | null> {
    const block = await this.read('batchBlock', toBytes32(root, 'root'));
    return typeof block === 'bigint' && block > 0n ? Number(block) : null;
  }

  /** Every AgreementRecorded for an id, oldest first; the first one stands (DECISIONS.md). */
  async findAgreementRecords(id: Bytes32): Promise<AgreementRecordLog[]> {
    const logs = await this.logs([topicOf('AgreementRecorded'), toBytes32(id, 'id')]);
    return logs.map(decodeAgreementRecorded);
  }

  /** Every AgreementDisclosed for an id (its public metadata), oldest first. */
  async findDisclosures(id: Bytes32): Promise<AgreementDisclosedLog[]> {
    const logs = await this.logs([topicOf('AgreementDisclosed'), toBytes32(id, 'id')]);
    return logs.map(decodeAgreementDisclosed);
  }

  /** The agreements recorded under one batch root, in log order. */
  async findBatchRecords(root: Bytes32): Promise<AgreementRecordLog[]> {
    const logs = await this.logs([topicOf('AgreementRecorded'), null, toBytes32(root, 'root')]);
    return logs.map(decodeAgreementRecorded);
  }

  async findBatches(root?: Bytes32): Promise<BatchRecordLog[]> {
    const topics =
      root === undefined ? [topicOf('BatchRecorded')] : [topicOf('BatchRecorded'), toBytes32(root, 'root')];
    return (await this.logs(topics)).map(decodeBatchRecorded);
  }

  async findStatusEvents(id: Bytes32): Promise<StatusEventLog[]> {
    const logs = await this.logs([topicOf('AgreementStatusChanged'), toBytes32(id, 'id')]);
    return logs.map(decodeStatusChanged);
  }

  /** Issue and revoke events of a credential, oldest first. */
  async findCredentialEvents(credentialId: Bytes32): Promise<CredentialEventLog[]> {
    const kinds = [topicOf('CredentialIssued'), topicOf('CredentialRevoked')];
    const logs = await this.logs([kinds, toBytes32(credentialId, 'credentialId')]);
    return logs.map(decodeCredentialEvent);
  }

  async findAuditCheckpoints(): Promise<AuditCheckpointLog[]> {
    return (await this.logs([topicOf('AuditCheckpoint')])).map(decodeAuditCheckpoint);
  }

  async blockNumber(): Promise<number> {
    return this.provider().getBlockNumber();
  }

  async chainId(): Promise<bigint> {
    return (await this.provider().getNetwork()).chainId;
  }

  // ---- internals -----------------------------------------------------------------------

  private fn(name: string) {
    return this.contract.getFunction(name);
  }

  private async read(name: string, ...args: unknown[]): Promise<unknown> {
    const value: unknown = await this.fn(name).staticCall(...args);
    return value;
  }

  private provider(): Provider {
    const provider = this.runner.provider;
    if (!provider) throw new Error('RegistryClient: the runner has no provider');
    return provider;
  }

  private logs(topics: (string | string[] | null)[]) {
    return queryLogs(this.provider(), {
      address: this.address,
      topics,
      fromBlock: this.deployBlock,
      maxRange: this.opts.maxLogRange,
    });
  }
}

function batchArgs(root: Bytes32, ids: Bytes32[], recordHashes: Bytes32[]): [Bytes32, Bytes32[], Bytes32[]] {
  return [
    toBytes32(root, 'root'),
    ids.map((id) => toBytes32(id, 'id')),
    recordHashes.map((h) => toBytes32(h, 'recordHash')),
  ];
}

/**
 * The block a contract was deployed in, by bisecting eth_getCode over block numbers
 * (about log2(head) calls): where a verifier starts reading its logs. Needs an endpoint
 * that answers for past blocks (anvil does; a pruned node may not, then 0 is returned).
 */
export async function findDeploymentBlock(provider: Provider, address: string): Promise<number> {
  const hasCode = async (block: number) => (await provider.getCode(address, block)) !== '0x';
  try {
    let high = await provider.getBlockNumber();
    if (!(await hasCode(high))) return 0;
    let low = 0;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (await hasCode(middle)) high = middle;
      else low = middle + 1;
    }
    return low;
  } catch {
    return 0;
  }
}
