import { Interface, isError, isHexString, type Log, type Provider, type Result } from 'ethers';
import { REGISTRY_ABI } from './artifact';
import type {
  AgreementDisclosedLog,
  AgreementRecordLog,
  AgreementStatusCode,
  AuditCheckpointLog,
  BatchRecordLog,
  Bytes32,
  CredentialEventLog,
  LogPosition,
  RegistryRevert,
  StatusEventLog,
} from './registry-types';

export const registryInterface = new Interface(REGISTRY_ABI);

/** Accepts any-case 0x + 64 hex; returns the canonical lower-case form or throws. */
export function toBytes32(value: string, what = 'value'): Bytes32 {
  if (!isHexString(value, 32)) throw new TypeError(`${what} must be 0x-prefixed 32-byte hex`);
  return value.toLowerCase();
}

export function topicOf(event: string): string {
  const fragment = registryInterface.getEvent(event);
  if (!fragment) throw new Error(`registry ABI has no event ${event}`);
  return fragment.topicHash;
}

export interface LogQuery {
  address: string;
  topics: (string | string[] | null)[];
  fromBlock: number;
  /** Split the range into windows of this many blocks (public RPCs cap eth_getLogs). */
  maxRange?: number;
}

/** All matching logs, oldest first (block number, then log index). */
export async function queryLogs(provider: Provider, q: LogQuery): Promise<Log[]> {
  const logs: Log[] = [];
  if (!q.maxRange) {
    logs.push(...(await provider.getLogs({ address: q.address, topics: q.topics, fromBlock: q.fromBlock })));
  } else {
    const latest = await provider.getBlockNumber();
    for (let from = q.fromBlock; from <= latest; from += q.maxRange) {
      const toBlock = Math.min(from + q.maxRange - 1, latest);
      logs.push(
        ...(await provider.getLogs({ address: q.address, topics: q.topics, fromBlock: from, toBlock })),
      );
    }
  }
  return logs.filter((l) => !l.removed).sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
}

function position(log: Log): LogPosition {
  return {
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    txHash: log.transactionHash,
    logIndex: log.index,
  };
}

function decode(event: string, log: Log): Result {
  return registryInterface.decodeEventLog(event, log.data, log.topics);
}

function word(r: Result, key: string): Bytes32 {
  const v: unknown = r.getValue(key);
  if (typeof v !== 'string') throw new TypeError(`event field ${key} is not bytes32`);
  return v.toLowerCase();
}

function uint(r: Result, key: string): bigint {
  const v: unknown = r.getValue(key);
  if (typeof v !== 'bigint') throw new TypeError(`event field ${key} is not an integer`);
  return v;
}

export function decodeAgreementRecorded(log: Log): AgreementRecordLog {
  const r = decode('AgreementRecorded', log);
  return {
    ...position(log),
    id: word(r, 'id'),
    batchRoot: word(r, 'batchRoot'),
    recordHash: word(r, 'recordHash'),
  };
}

export function decodeAgreementDisclosed(log: Log): AgreementDisclosedLog {
  const r = decode('AgreementDisclosed', log);
  const metadata: unknown = r.getValue('metadata');
  if (typeof metadata !== 'string') throw new TypeError('event field metadata is not bytes');
  return { ...position(log), id: word(r, 'id'), data: metadata.toLowerCase() };
}

export function decodeBatchRecorded(log: Log): BatchRecordLog {
  const r = decode('BatchRecorded', log);
  return { ...position(log), batchRoot: word(r, 'batchRoot'), count: Number(uint(r, 'count')) };
}

export function decodeStatusChanged(log: Log): StatusEventLog {
  const r = decode('AgreementStatusChanged', log);
  const status = Number(uint(r, 'status')) as AgreementStatusCode;
  return { ...position(log), id: word(r, 'id'), status, detail: word(r, 'detail') };
}

export function decodeCredentialEvent(log: Log): CredentialEventLog {
  if (log.topics[0] === topicOf('CredentialRevoked')) {
    const r = decode('CredentialRevoked', log);
    return {
      ...position(log),
      kind: 'revoked',
      credentialId: word(r, 'credentialId'),
      reasonHash: word(r, 'reasonHash'),
    };
  }
  const r = decode('CredentialIssued', log);
  return {
    ...position(log),
    kind: 'issued',
    credentialId: word(r, 'credentialId'),
    signingKey: word(r, 'signingKey'),
    boxKey: word(r, 'boxKey'),
    documentHash: word(r, 'documentHash'),
    notAfter: uint(r, 'notAfter'),
  };
}

export function decodeAuditCheckpoint(log: Log): AuditCheckpointLog {
  const r = decode('AuditCheckpoint', log);
  return { ...position(log), sequence: uint(r, 'sequence'), head: word(r, 'head') };
}

/**
 * Names the registry error behind a failed call, estimate or send, e.g.
 * `BatchAlreadyRecorded` or `AccessControlUnauthorizedAccount`; null if it is not one.
 */
export function decodeRegistryRevert(err: unknown): RegistryRevert | null {
  if (!isError(err, 'CALL_EXCEPTION')) return null;
  if (err.revert) return { name: err.revert.name, args: [...(err.revert.args as unknown[])] };
  if (!err.data) return null;
  const parsed = registryInterface.parseError(err.data);
  return parsed ? { name: parsed.name, args: [...(parsed.args as unknown[])] } : null;
}
