import { agreementId } from './agreement-id.hash';
import { type BlockchainId, parseBlockchainId } from './blockchain-id.codec';
import { type HexString, fromHex, isHex } from './bytes.codec';
import { commitment } from './commitment.hash';
import { ed25519Verify } from './ed25519.signature';
import { checkAuthority } from './evidence-authority.checks';
import { checkDisclosure } from './evidence-disclosure.checks';
import {
  checkCredential,
  checkIssuer,
  presentedCredentials,
  type CredentialCheckContext,
} from './evidence-credentials.checks';
import { checkFinality, checkStatus } from './evidence-status.checks';
import {
  CheckList,
  type EvidenceVerdict,
  type OnChainRecord,
  type VerifyEvidenceInput,
} from './evidence.types';
import { verifyMerkleProof } from './merkle.tree';
import { metadataHash } from './metadata.hash';
import { partySignatureMessage } from './party-signature';
import type { Receipt } from './receipt.model';
import { recordHash, signaturesHash } from './record.hash';
import { parseBlob, sealedDigest } from './sealing.cipher';

export * from './evidence.types';

/**
 * Verifies a party's evidence against what the chain holds, without Signet (FORMATS.md §12,
 * in its order and names). Every check is reported, none stops the others, and a check that
 * cannot even be computed (a malformed field) fails with the reason; so one changed byte
 * shows up under the check named for it.
 */
export function verifyEvidence(input: VerifyEvidenceInput): EvidenceVerdict {
  const { receipt } = input;
  const list = new CheckList();
  const parsed = checkReceiptFields(list, input);

  const logs = [...input.onChainRecords].sort(
    (a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex,
  );
  const standing = standingRecord(receipt, logs);
  const anchorBlock = standing?.blockNumber ?? receipt.anchor.blockNumber;
  const ctx: CredentialCheckContext = {
    list,
    keys:
      input.credentialKeys instanceof Map
        ? input.credentialKeys
        : new Map(Object.entries(input.credentialKeys)),
    anchorBlock,
    anchorTimestamp: input.anchorTimestamp,
    registry: parsed ? `eip155:${parsed.chainId}:${parsed.registry}` : null,
    documents: receipt.credentials ? presentedCredentials(receipt.credentials) : null,
  };

  for (const sig of receipt.signatures) {
    const scheme = sig.scheme ?? 1;
    list.run(
      `signature:${sig.credentialId}`,
      () =>
        ed25519Verify(
          partySignatureMessage(scheme, receipt.agreementId, receipt.sealedDigest),
          fromHex(sig.signature, 64),
          fromHex(sig.publicKey, 32),
        ) || `Ed25519 signature (scheme ${scheme}) does not verify`,
      scheme === 2
        ? 'Ed25519 over the id and the sealed digest (scheme 2)'
        : 'Ed25519 over the agreement id (scheme 1)',
    );
    checkCredential(ctx, sig.credentialId, sig.publicKey);
  }
  const validRatifiers = new Set<HexString>();
  for (const r of receipt.ratifications ?? []) {
    const ok = list.run(
      `ratification:${r.credentialId}`,
      () =>
        ed25519Verify(fromHex(receipt.agreementId, 32), fromHex(r.signature, 64), fromHex(r.publicKey, 32)) ||
        'Ed25519 signature does not verify over the agreement id',
      'the principal signed the agreement id',
    );
    if (checkCredential(ctx, r.credentialId, r.publicKey) && ok) validRatifiers.add(r.credentialId);
  }
  let liability: EvidenceVerdict['liability'] = [];
  if (ctx.documents !== null) {
    checkIssuer(ctx);
    liability = checkAuthority(list, receipt, ctx.documents, validRatifiers);
  } else {
    list.warn(
      'no credential documents were given (a v1 receipt, or the service reading its own index): signing authority was not checked',
    );
  }

  checkRecord(list, receipt, logs, standing);
  checkFinality(list, anchorBlock, input.finality);
  const status = checkStatus(list, input, parsed, standing);
  checkPresented(list, input);
  const disclosed = checkDisclosure(list, receipt, input.disclosures, standing);
  return {
    valid: list.checks.every((c) => c.ok),
    checks: list.checks,
    warnings: list.warnings,
    status,
    liability,
    disclosed,
  };
}

/**
 * FORMATS.md §9, the standing record: the first log (block, then log index) whose preimage
 * carries valid party signatures. With scheme-2 signatures only the receipt's own preimage
 * can (a record with another sealed digest carries none), so it is the first log with the
 * receipt's recordHash; with scheme 1 any preimage might, so the first log stands.
 */
export function standingRecord(receipt: Receipt, logs: OnChainRecord[]): OnChainRecord | undefined {
  const bindsDigest = receipt.signatures.length > 0 && receipt.signatures.every((s) => s.scheme === 2);
  if (!bindsDigest) return logs[0];
  return logs.find((log) => log.recordHash === receipt.recordHash) ?? logs[0];
}

function checkReceiptFields(list: CheckList, input: VerifyEvidenceInput): BlockchainId | undefined {
  const { receipt } = input;
  let parsed: BlockchainId | undefined;
  list.run(
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
  list.run(
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
  list.run(
    'parties',
    () => same(receipt.parties, receipt.metadata.parties) || 'receipt.parties differs from metadata.parties',
    'as listed in the metadata',
  );
  list.run(
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
  list.run(
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
  list.run(
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
  return parsed;
}

function checkRecord(
  list: CheckList,
  receipt: Receipt,
  logs: OnChainRecord[],
  standing: OnChainRecord | undefined,
): void {
  list.run(
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
  const a = receipt.anchor;
  list.run(
    'on-chain-record',
    () => {
      if (standing === undefined) return 'no AgreementRecorded log for this id';
      const wrong = [
        standing.recordHash !== receipt.recordHash && 'recordHash',
        standing.batchRoot !== a.batchRoot && 'batchRoot',
        standing.txHash !== a.txHash && 'txHash',
        standing.blockNumber !== a.blockNumber && 'blockNumber',
        standing.logIndex !== a.logIndex && 'logIndex',
        standing.blockHash !== undefined && standing.blockHash !== a.blockHash && 'blockHash',
      ].filter((x): x is string => x !== false);
      return (
        wrong.length === 0 ||
        `the standing record (block ${standing.blockNumber}, log ${standing.logIndex}) differs from the receipt in: ${wrong.join(', ')}`
      );
    },
    () => `matches the standing record, block ${standing?.blockNumber}`,
  );
  const others = logs.filter((log) => log !== standing);
  list.run(
    'duplicate-record',
    () => {
      if (others.length === 0) return true;
      const where = others.map((r) => `block ${r.blockNumber} log ${r.logIndex} tx ${r.txHash}`).join('; ');
      if (others.some((r) => r.txHash === a.txHash && r.logIndex === a.logIndex))
        return `the receipt anchors a record that does not stand (${where}); the standing one is block ${standing?.blockNumber}`;
      list.warn(
        `other AgreementRecorded logs for this id are ignored (none carries this receipt's signed record): ${where}`,
      );
      return true;
    },
    others.length > 0
      ? `${others.length} other record(s) flagged; the standing one is the receipt's`
      : 'recorded once',
  );
  list.run(
    'merkle-proof',
    () =>
      verifyMerkleProof(a.batchRoot, { id: receipt.agreementId, recordHash: receipt.recordHash }, a.proof) ||
      'the proof does not lead from [id, recordHash] to the batch root',
    'the leaf [id, recordHash] is in the batch',
  );
}

function checkPresented(list: CheckList, input: VerifyEvidenceInput): void {
  const { receipt } = input;
  if (input.text !== undefined || input.salt !== undefined) {
    list.run(
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
  const blob = input.blob;
  if (blob !== undefined) {
    list.run(
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
}

function same(a: unknown[], b: unknown): boolean {
  return (
    Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]) && a.every((x) => isHex(x, 32))
  );
}
