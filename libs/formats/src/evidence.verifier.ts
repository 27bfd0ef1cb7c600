import { agreementId } from './agreement-id.hash';
import { type BlockchainId, parseBlockchainId } from './blockchain-id.codec';
import { type HexString, fromHex, isHex } from './bytes.codec';
import { commitment } from './commitment.hash';
import { ed25519Verify } from './ed25519.signature';
import { verifyMerkleProof } from './merkle.tree';
import { metadataHash } from './metadata.hash';
import type { Receipt } from './receipt.model';
import { recordHash, signaturesHash } from './record.hash';
import { parseBlob, sealedDigest } from './sealing.cipher';

/** One `AgreementRecorded(id, batchRoot, recordHash)` log found on chain for the id. */
export interface OnChainRecord {
  recordHash: HexString;
  batchRoot: HexString;
  blockNumber: number;
  logIndex: number;
  txHash: HexString;
  blockHash?: HexString;
}

/** A credential as the chain's issue/revoke events describe it. */
export interface CredentialKey {
  signingKey: HexString;
  issuedAtBlock: number;
  revokedAtBlock?: number | null;
}

export interface StatusEvent {
  status: string;
  blockNumber: number;
  logIndex: number;
  txHash?: HexString;
}

export interface VerifyEvidenceInput {
  blockchainId: string;
  receipt: Receipt;
  onChainRecords: OnChainRecord[];
  credentialKeys?: Map<HexString, CredentialKey> | Record<HexString, CredentialKey>;
  statusEvents?: StatusEvent[];
  text?: string;
  salt?: Uint8Array | HexString;
  blob?: Uint8Array;
}

export interface EvidenceCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface EvidenceVerdict {
  valid: boolean;
  checks: EvidenceCheck[];
  /** Things a court should know that do not make the evidence invalid. */
  warnings: string[];
  /** The latest status event (by block, then log index), if any were given. */
  status: StatusEvent | null;
}

/**
 * Verifies a party's evidence against what the chain holds, without Signet. Every check is
 * reported, none stops the others, and a check that cannot even be computed (a malformed
 * field) fails with the reason; so one changed byte shows up under the check named for it.
 */
export function verifyEvidence(input: VerifyEvidenceInput): EvidenceVerdict {
  const { receipt } = input;
  const checks: EvidenceCheck[] = [];
  const warnings: string[] = [];
  const run = (name: string, body: () => string | true, okDetail: string): void => {
    let result: string | true;
    try {
      result = body();
    } catch (error) {
      result = error instanceof Error ? error.message : String(error);
    }
    checks.push(result === true ? { name, ok: true, detail: okDetail } : { name, ok: false, detail: result });
  };
  let parsed: BlockchainId | undefined;

  run(
    'blockchain-id',
    () => {
      parsed = parseBlockchainId(input.blockchainId);
      if (receipt.blockchainId !== input.blockchainId) return `the receipt names ${receipt.blockchainId}`;
      if (receipt.agreementId !== parsed.agreementId)
        return `the receipt's agreementId ${receipt.agreementId} is not the id in the blockchain id`;
      return true;
    },
    'well-formed, and the receipt is for it',
  );

  run(
    'metadata-hash',
    () => {
      const actual = metadataHash(receipt.metadata);
      return (
        actual === receipt.metadataHash ||
        `the metadata hashes to ${actual}, the receipt says ${receipt.metadataHash}`
      );
    },
    'the metadata hashes to metadataHash',
  );

  run(
    'parties',
    () => same(receipt.parties, receipt.metadata.parties) || 'receipt.parties differs from metadata.parties',
    'as listed in the metadata',
  );

  run(
    'parent-id',
    () => {
      const declared = receipt.metadata.parentId ?? null;
      return (
        declared === receipt.parentId ||
        `metadata.parentId is ${declared}, receipt.parentId is ${receipt.parentId}`
      );
    },
    receipt.parentId === null ? 'no parent' : `parent ${receipt.parentId}`,
  );

  run(
    'agreement-id',
    () => {
      if (parsed === undefined) return 'cannot recompute: the blockchain id does not parse';
      const actual = agreementId({ ...parsed, ...receipt });
      return (
        actual === receipt.agreementId ||
        `commitment, metadataHash, parties, parentId and nonce give ${actual}`
      );
    },
    'EIP-712 hash of the receipt fields, for this chain and registry',
  );

  run(
    'signatures',
    () => {
      const ids = receipt.signatures.map((s) => s.credentialId);
      return (
        same(ids, receipt.parties) ||
        `signatures are by [${ids.join(', ')}], parties are [${receipt.parties.join(', ')}]`
      );
    },
    'one per party, in party order',
  );

  const standing = [...input.onChainRecords].sort(
    (a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex,
  );
  const anchorBlock = standing[0]?.blockNumber ?? receipt.anchor.blockNumber;
  const credentials =
    input.credentialKeys instanceof Map
      ? input.credentialKeys
      : new Map(Object.entries(input.credentialKeys ?? {}));

  for (const sig of receipt.signatures) {
    run(
      `signature:${sig.credentialId}`,
      () => {
        return (
          ed25519Verify(
            fromHex(receipt.agreementId, 32),
            fromHex(sig.signature, 64),
            fromHex(sig.publicKey, 32),
          ) || 'Ed25519 signature does not verify over the agreement id'
        );
      },
      'Ed25519 over the agreement id',
    );
    if (input.credentialKeys === undefined) continue;
    run(
      `credential:${sig.credentialId}`,
      () => {
        const credential = credentials.get(sig.credentialId);
        if (credential === undefined) return 'no such credential on chain';
        if (credential.signingKey.toLowerCase() !== sig.publicKey)
          return `the on-chain credential key is ${credential.signingKey}, the signature's is ${sig.publicKey}`;
        if (credential.issuedAtBlock > anchorBlock)
          return `issued at block ${credential.issuedAtBlock}, after the anchor block ${anchorBlock}`;
        const revoked = credential.revokedAtBlock;
        if (revoked !== undefined && revoked !== null && revoked <= anchorBlock)
          return `revoked at block ${revoked}, at or before the anchor block ${anchorBlock}`;
        return true;
      },
      `key matches, live at block ${anchorBlock}`,
    );
  }
  if (input.credentialKeys === undefined)
    warnings.push('credential keys were not given: signers were not checked against on-chain credentials');

  run(
    'record-hash',
    () => {
      const actual = recordHash(
        receipt.agreementId,
        receipt.sealedDigest,
        signaturesHash(receipt.signatures),
      );
      return (
        actual === receipt.recordHash ||
        `id, sealedDigest and signatures give ${actual}, the receipt says ${receipt.recordHash}`
      );
    },
    'binds the id, the sealed digest and the signatures',
  );

  run(
    'on-chain-record',
    () => {
      const first = standing[0];
      if (first === undefined) return 'no AgreementRecorded log for this id';
      const a = receipt.anchor;
      const wrong = [
        first.recordHash !== receipt.recordHash && 'recordHash',
        first.batchRoot !== a.batchRoot && 'batchRoot',
        first.txHash !== a.txHash && 'txHash',
        first.blockNumber !== a.blockNumber && 'blockNumber',
        first.logIndex !== a.logIndex && 'logIndex',
        first.blockHash !== undefined && first.blockHash !== a.blockHash && 'blockHash',
      ].filter((x): x is string => x !== false);
      return (
        wrong.length === 0 ||
        `the first record (block ${first.blockNumber}, log ${first.logIndex}) differs from the receipt in: ${wrong.join(', ')}`
      );
    },
    `matches the first record, block ${anchorBlock}`,
  );

  run(
    'duplicate-record',
    () => {
      const later = standing.slice(1);
      if (later.length === 0) return true;
      const where = later.map((r) => `block ${r.blockNumber} log ${r.logIndex} tx ${r.txHash}`).join('; ');
      if (later.some((r) => r.txHash === receipt.anchor.txHash && r.logIndex === receipt.anchor.logIndex)) {
        return `the receipt anchors a later duplicate (${where}); the first record stands`;
      }
      warnings.push(`later AgreementRecorded logs for this id are ignored: ${where}`);
      return true;
    },
    standing.length > 1
      ? `${standing.length - 1} later record(s) flagged; the first stands`
      : 'recorded once',
  );

  run(
    'merkle-proof',
    () => {
      const a = receipt.anchor;
      return (
        verifyMerkleProof(
          a.batchRoot,
          { id: receipt.agreementId, recordHash: receipt.recordHash },
          a.proof,
        ) || 'the proof does not lead from [id, recordHash] to the batch root'
      );
    },
    'the leaf [id, recordHash] is in the batch',
  );

  if (input.text !== undefined || input.salt !== undefined) {
    run(
      'commitment',
      () => {
        if (input.text === undefined || input.salt === undefined)
          return 'both the text and the salt are needed';
        const salt = typeof input.salt === 'string' ? fromHex(input.salt, 32, 'salt') : input.salt;
        const actual = commitment(salt, input.text);
        return (
          actual === receipt.commitment ||
          `the text and salt give ${actual}, the receipt says ${receipt.commitment}`
        );
      },
      'the text and salt open the commitment',
    );
  }

  if (input.blob !== undefined) {
    const blob = input.blob;
    run(
      'sealed-digest',
      () => {
        parseBlob(blob);
        const actual = sealedDigest(blob);
        return (
          actual === receipt.sealedDigest ||
          `the blob hashes to ${actual}, the receipt says ${receipt.sealedDigest}`
        );
      },
      'the blob is the sealed text the chain binds',
    );
  }

  const status =
    [...(input.statusEvents ?? [])].sort(
      (a, b) => b.blockNumber - a.blockNumber || b.logIndex - a.logIndex,
    )[0] ?? null;
  return { valid: checks.every((c) => c.ok), checks, warnings, status };
}

function same(a: unknown[], b: unknown): boolean {
  return (
    Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]) && a.every((x) => isHex(x, 32))
  );
}
