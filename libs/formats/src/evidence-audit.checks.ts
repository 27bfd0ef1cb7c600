import { AUDIT_GENESIS, auditAgreementTag, auditFieldsHash, auditLinkHash } from './audit-chain.hash';
import type { HexString } from './bytes.codec';
import type { BundleAuditCheckpoint } from './evidence-bundle.model';
import type { CheckList } from './evidence.types';

/** One `AuditCheckpoint(sequence, head)` log of the registry. */
export interface OnChainAuditCheckpoint {
  sequence: number;
  head: HexString;
  txHash?: HexString;
  blockNumber?: number;
}

/**
 * FORMATS.md §16, `audit-checkpoint` then `audit-chain`: the bundle's checkpoint is the
 * registry's AuditCheckpoint log of that sequence, with that head; and the links it carries
 * recompute, chain without a gap from the agreement's first event up to that head, every
 * event given hashes to its link, and no link tagged with the agreement lacks its event.
 */
export function checkAuditCheckpoint(
  list: CheckList,
  agreementId: HexString,
  checkpoint: BundleAuditCheckpoint,
  onChain: OnChainAuditCheckpoint[],
): void {
  list.run(
    'audit-checkpoint',
    () => {
      const logs = onChain.filter((log) => log.sequence === checkpoint.sequence);
      if (logs.length === 0) return `no AuditCheckpoint log on chain for sequence ${checkpoint.sequence}`;
      return (
        logs.some((log) => log.head === checkpoint.head) ||
        `the chain's checkpoint ${checkpoint.sequence} has head ${logs[0].head}, the bundle says ${checkpoint.head}`
      );
    },
    `sequence ${checkpoint.sequence}, head ${checkpoint.head}, as anchored on chain (block ${checkpoint.blockNumber})`,
  );
  list.run(
    'audit-chain',
    () => auditChainProblem(agreementId, checkpoint) ?? true,
    () =>
      `${checkpoint.events.length} event(s) of this agreement chain up to the checkpoint through links ${checkpoint.links[0]?.seq}…${checkpoint.sequence}`,
  );
}

function auditChainProblem(agreementId: HexString, checkpoint: BundleAuditCheckpoint): string | null {
  const { links, events } = checkpoint;
  if (links.length === 0) return 'the bundle carries no links';
  const tag = auditAgreementTag(agreementId);
  const first = links[0];
  if (first.agreementTag !== tag)
    return `the first link (seq ${first.seq}) is not an event of this agreement`;
  if (first.seq === 1 && first.prevHash !== AUDIT_GENESIS) return 'seq 1 does not start at the genesis hash';
  for (const [i, link] of links.entries()) {
    if (link.seq !== first.seq + i) return `the links skip from seq ${first.seq + i - 1} to ${link.seq}`;
    if (i > 0 && link.prevHash !== links[i - 1].hash)
      return `seq ${link.seq}'s prevHash is not the hash of seq ${link.seq - 1}`;
    if (auditLinkHash(link.prevHash, link.agreementTag, link.fieldsHash) !== link.hash)
      return `seq ${link.seq}'s hash does not recompute from its prevHash, tag and fields hash`;
  }
  const last = links[links.length - 1];
  if (last.seq !== checkpoint.sequence || last.hash !== checkpoint.head)
    return `the links end at seq ${last.seq} (hash ${last.hash}), not at the checkpoint's head`;
  const bySeq = new Map(links.map((link) => [link.seq, link]));
  const given = new Set<number>();
  for (const event of events) {
    const link = bySeq.get(event.seq);
    if (link === undefined) return `event seq ${event.seq} lies outside the links`;
    if (event.agreementId !== agreementId) return `event seq ${event.seq} concerns another agreement`;
    if (auditFieldsHash(event) !== link.fieldsHash || link.agreementTag !== tag)
      return `event seq ${event.seq} (${event.action}) does not hash to its link: its fields were changed`;
    given.add(event.seq);
  }
  const hidden = links.find((link) => link.agreementTag === tag && !given.has(link.seq));
  return hidden ? `link seq ${hidden.seq} is an event of this agreement, but the bundle hides it` : null;
}
