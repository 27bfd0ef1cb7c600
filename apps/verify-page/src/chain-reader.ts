import {
  keccak256Hex,
  statusName,
  utf8,
  type CredentialKey,
  type OnChainAuditCheckpoint,
  type OnChainDisclosure,
  type OnChainRecord,
  type StatusEvent,
} from '@signet/formats';

/**
 * Reads what the registry contract logged, straight from a chain's JSON-RPC endpoint with
 * plain fetch: no Signet in between, so the person sees what the chain itself says.
 */

const topic = (signature: string): string => keccak256Hex(utf8(signature));
const TOPICS = {
  recorded: topic('AgreementRecorded(bytes32,bytes32,bytes32)'),
  status: topic('AgreementStatusChanged(bytes32,uint8,bytes32)'),
  issued: topic('CredentialIssued(bytes32,bytes32,bytes32,bytes32,uint64)'),
  revoked: topic('CredentialRevoked(bytes32,bytes32)'),
  disclosed: topic('AgreementDisclosed(bytes32,bytes)'),
  checkpoint: topic('AuditCheckpoint(uint256,bytes32)'),
};
const RPC_TIMEOUT_MS = 15_000;

interface RpcLog {
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: string;
  removed?: boolean;
}

/** The endpoint could not be asked, or did not answer as a JSON-RPC node does. */
export class ChainUnreachableError extends Error {}

/** A credential as the chain states it, for the parties table. */
export interface OnChainCredential extends CredentialKey {
  documentHash: string;
}

export interface ChainFacts {
  chainId: bigint;
  head: number;
  records: OnChainRecord[];
  /** AgreementDisclosed logs for the id: the public metadata a pack put on chain. */
  disclosures: OnChainDisclosure[];
  statusEvents: StatusEvent[];
  credentials: Map<string, OnChainCredential>;
  /** AgreementRecorded logs of the agreements that SUPERSEDED evidence names, by id. */
  amendmentRecords: Map<string, OnChainRecord[]>;
}

export class ChainReader {
  private nextId = 1;

  constructor(readonly rpcUrl: string) {}

  async chainId(): Promise<bigint> {
    return BigInt(await this.call<string>('eth_chainId', []));
  }

  /** Everything the registry logged for one agreement, its credentials and its amendments. */
  async factsFor(
    registry: string,
    agreementId: string,
    credentialIds: string[],
    amendingIds: string[] = [],
  ): Promise<ChainFacts> {
    const logs = (topics: (string | string[])[]) =>
      this.call<RpcLog[]>('eth_getLogs', [
        { address: registry, fromBlock: '0x0', toBlock: 'latest', topics },
      ]);
    const recordsOf = async (id: string) => live(await logs([TOPICS.recorded, id])).map(toRecord);
    const [chainId, head, records, status, credentials, amendments, disclosed] = await Promise.all([
      this.chainId(),
      this.call<string>('eth_blockNumber', []).then(Number),
      recordsOf(agreementId),
      logs([TOPICS.status, agreementId]),
      Promise.all(
        [...new Set(credentialIds)].map(
          async (id) => [id, await logs([[TOPICS.issued, TOPICS.revoked], id])] as const,
        ),
      ),
      Promise.all([...new Set(amendingIds)].map(async (id) => [id, await recordsOf(id)] as const)),
      logs([TOPICS.disclosed, agreementId]),
    ]);
    return {
      chainId,
      head,
      records,
      disclosures: live(disclosed).map((log) => ({ ...position(log), data: abiBytes(log.data) })),
      statusEvents: live(status).map((log) => ({
        ...position(log),
        status: statusName(Number(BigInt(log.topics[2]))),
        detail: word(log.data, 0),
      })),
      credentials: new Map(
        credentials.flatMap(([id, events]) => {
          const credential = credentialFrom(live(events));
          return credential ? [[id, credential] as const] : [];
        }),
      ),
      amendmentRecords: new Map(amendments),
    };
  }

  /** The registry's AuditCheckpoint logs: what a bundle's audit checkpoint is checked against. */
  async auditCheckpoints(registry: string): Promise<OnChainAuditCheckpoint[]> {
    const logs = await this.call<RpcLog[]>('eth_getLogs', [
      { address: registry, fromBlock: '0x0', toBlock: 'latest', topics: [TOPICS.checkpoint] },
    ]);
    return live(logs).map((log) => ({
      sequence: Number(BigInt(log.topics[1])),
      head: word(log.data, 0),
      txHash: log.transactionHash.toLowerCase(),
      blockNumber: Number(log.blockNumber),
    }));
  }

  /** A block's timestamp in unix seconds, or null when the endpoint does not have the block. */
  async blockTimestamp(blockNumber: number): Promise<number | null> {
    const block = await this.call<{ timestamp: string } | null>('eth_getBlockByNumber', [
      `0x${blockNumber.toString(16)}`,
      false,
    ]);
    return block ? Number(block.timestamp) : null;
  }

  private async call<T>(method: string, params: unknown[]): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params }),
        signal: AbortSignal.timeout(RPC_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ChainUnreachableError(
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${RPC_TIMEOUT_MS / 1000} s`
          : 'the request failed (the endpoint is down, refused the connection, or does not allow requests from this page)',
      );
    }
    if (!response.ok) throw new ChainUnreachableError(`it answered HTTP ${response.status}`);
    const body = (await response.json().catch(() => null)) as {
      result?: T;
      error?: { message?: string };
    } | null;
    if (body === null || typeof body !== 'object')
      throw new ChainUnreachableError('it did not answer JSON-RPC');
    if (body.error)
      throw new ChainUnreachableError(`${method} failed: ${body.error.message ?? 'unknown error'}`);
    return body.result as T;
  }
}

function live(logs: RpcLog[]): RpcLog[] {
  return logs
    .filter((log) => !log.removed)
    .sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber) || Number(a.logIndex) - Number(b.logIndex));
}

function position(log: RpcLog): { blockNumber: number; logIndex: number; txHash: string; blockHash: string } {
  return {
    blockNumber: Number(log.blockNumber),
    logIndex: Number(log.logIndex),
    txHash: log.transactionHash.toLowerCase(),
    blockHash: log.blockHash.toLowerCase(),
  };
}

/** The i-th 32-byte word of a log's data, as 0x + 64 lower-case hex. */
function word(data: string, index: number): string {
  return `0x${data.slice(2 + index * 64, 2 + (index + 1) * 64).toLowerCase()}`;
}

/** The one ABI `bytes` of a log's data: an offset word, a length word, then the bytes. */
function abiBytes(data: string): string {
  const length = Number(BigInt(word(data, 1)));
  return `0x${data.slice(2 + 128, 2 + 128 + 2 * length).toLowerCase()}`;
}

function toRecord(log: RpcLog): OnChainRecord {
  return { ...position(log), batchRoot: log.topics[2].toLowerCase(), recordHash: word(log.data, 0) };
}

function credentialFrom(events: RpcLog[]): OnChainCredential | null {
  const issued = events.find((log) => log.topics[0] === TOPICS.issued);
  if (!issued) return null;
  const revoked = events.find((log) => log.topics[0] === TOPICS.revoked);
  return {
    signingKey: word(issued.data, 0),
    documentHash: word(issued.data, 2),
    issuedAtBlock: Number(issued.blockNumber),
    revokedAtBlock: revoked ? Number(revoked.blockNumber) : null,
    notAfter: Number(BigInt(word(issued.data, 3))),
  };
}
