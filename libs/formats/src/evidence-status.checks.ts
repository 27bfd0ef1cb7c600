import { agreementId } from './agreement-id.hash';
import type { BlockchainId } from './blockchain-id.codec';
import { fromHex } from './bytes.codec';
import { ed25519Verify } from './ed25519.signature';
import type { StatusEvidence } from './evidence-bundle.model';
import type { CheckList, Finality, OnChainRecord, StatusEvent, VerifyEvidenceInput } from './evidence.types';
import { metadataHash } from './metadata.hash';
import type { Receipt } from './receipt.model';
import { terminationDetail, terminationMessage } from './termination.hash';

/**
 * `confirmations` (FORMATS.md §12, finality): with a depth, `head − anchorBlock + 1 ≥ depth`
 * (the anchor's own block counts); with the chain's `finalized` tag, `anchorBlock ≤ finalized`.
 */
export function checkFinality(list: CheckList, anchorBlock: number, finality: Finality): void {
  if ('finalizedBlock' in finality) {
    list.run(
      'confirmations',
      () =>
        anchorBlock <= finality.finalizedBlock ||
        `block ${anchorBlock} is above the finalized block ${finality.finalizedBlock}`,
      `block ${anchorBlock} is at or below the finalized block ${finality.finalizedBlock}`,
    );
    return;
  }
  const have = Math.max(0, finality.head - anchorBlock + 1);
  list.run(
    'confirmations',
    () => have >= finality.depth || `${have} of ${finality.depth} confirmations: not final yet`,
    `${have} confirmations (${finality.depth} required)`,
  );
}

const before = (a: { blockNumber: number; logIndex: number }, b: { blockNumber: number; logIndex: number }) =>
  a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex);

/**
 * `status`: every AgreementStatusChanged for the id comes after the standing record (a status
 * for an id the chain did not yet record carries no weight and fails), and, when status
 * evidence is given (an evidence bundle), each TERMINATED is backed by every party's
 * termination signature hashing to its detail, each SUPERSEDED by the receipt of the agreement
 * its detail names, recorded on chain, whose `supersedes` is this id. SHREDDED is the
 * registrar's own statement that it destroyed its copy and needs no party's evidence.
 */
export function checkStatus(
  list: CheckList,
  input: VerifyEvidenceInput,
  parsed: BlockchainId | undefined,
  standing: OnChainRecord | undefined,
): StatusEvent | null {
  const events = [...(input.statusEvents ?? [])].sort(
    (a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex,
  );
  const latest = events[events.length - 1] ?? null;
  list.run(
    'status',
    () => {
      for (const event of events) {
        const where = `${event.status} at block ${event.blockNumber}`;
        if (standing === undefined || before(event, standing))
          return `${where} precedes any record of this agreement: a status for an unknown id`;
        if (event.status === 'SHREDDED') continue;
        if (event.status !== 'TERMINATED' && event.status !== 'SUPERSEDED') return `${where}: unknown status`;
        if (input.statusEvidence === undefined) {
          list.warn(`${where} is not backed by evidence here (an evidence bundle carries it)`);
          continue;
        }
        const problem =
          event.status === 'TERMINATED'
            ? terminationProblem(input.receipt, input.statusEvidence, event)
            : amendmentProblem(input, parsed, event);
        if (problem !== null) return `${where}: ${problem}`;
      }
      return true;
    },
    latest ? `${latest.status} on chain at block ${latest.blockNumber}, backed` : 'no status change on chain',
  );
  return latest;
}

function terminationProblem(receipt: Receipt, evidence: StatusEvidence[], event: StatusEvent): string | null {
  const candidates = evidence.filter((e) => e.status === 'TERMINATED');
  const matching = candidates.find((e) => terminationDetail(e.signatures) === event.detail);
  if (matching === undefined) return 'no termination evidence hashes to its detail';
  const message = fromHex(terminationMessage(receipt.agreementId), 32);
  for (const [i, party] of receipt.signatures.entries()) {
    const signed = matching.signatures[i];
    if (signed?.credentialId !== party.credentialId)
      return `the termination is not signed by party ${party.credentialId}`;
    if (
      signed.publicKey !== party.publicKey ||
      !ed25519Verify(message, fromHex(signed.signature, 64), fromHex(party.publicKey, 32))
    )
      return `party ${party.credentialId}'s termination signature does not verify`;
  }
  return matching.signatures.length === receipt.signatures.length
    ? null
    : 'the termination has signatures of non-parties';
}

function amendmentProblem(
  input: VerifyEvidenceInput,
  parsed: BlockchainId | undefined,
  event: StatusEvent,
): string | null {
  const amending = input.statusEvidence?.find(
    (e) => e.status === 'SUPERSEDED' && e.receipt.agreementId === event.detail,
  );
  if (amending?.status !== 'SUPERSEDED') return `no receipt of the amending agreement ${event.detail}`;
  const r = amending.receipt;
  if (r.metadata.supersedes !== input.receipt.agreementId)
    return `${r.agreementId} does not supersede this agreement`;
  if (metadataHash(r.metadata) !== r.metadataHash)
    return "the amending receipt's metadata does not hash to its metadataHash";
  if (parsed === undefined || agreementId({ ...parsed, ...r }) !== r.agreementId)
    return "the amending receipt's fields do not hash to its id on this registry";
  const first = input.amendmentRecords?.get(r.agreementId)?.[0];
  if (first === undefined) return `the amending agreement ${r.agreementId} is not recorded on chain`;
  return first.recordHash === r.recordHash
    ? null
    : 'the amending agreement is recorded with another recordHash';
}
