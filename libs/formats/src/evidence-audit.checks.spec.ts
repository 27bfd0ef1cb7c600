import { AUDIT_GENESIS, auditLinkOf, type AuditFields, type AuditLink } from './audit-chain.hash';
import { checkAuditCheckpoint, type OnChainAuditCheckpoint } from './evidence-audit.checks';
import type { BundleAuditCheckpoint } from './evidence-bundle.model';
import { CheckList } from './evidence.types';

const ours = `0x${'aa'.repeat(32)}`;
const theirs = `0x${'bb'.repeat(32)}`;

function event(seq: number, agreementId: string | null, action: string): AuditFields {
  return {
    seq,
    at: `2026-01-01T00:00:0${seq}.000Z`,
    action,
    actorId: null,
    actorRole: null,
    agreementId,
    subjectId: null,
    purpose: action === 'sealed.open' ? 'supervision' : null,
    detail: {},
  };
}

// Seq 1 is someone else's; 2 and 4 are ours; 3 and 5 others'; the checkpoint is at 5.
const trail = [
  event(1, theirs, 'agreement.deposit'),
  event(2, ours, 'agreement.deposit'),
  event(3, null, 'credential.issue'),
  event(4, ours, 'sealed.open'),
  event(5, theirs, 'sealed.open'),
];
const links: AuditLink[] = [];
for (const fields of trail) links.push(auditLinkOf(fields, links.at(-1)?.hash ?? AUDIT_GENESIS));

const checkpoint = (over: Partial<BundleAuditCheckpoint> = {}): BundleAuditCheckpoint => ({
  sequence: 5,
  head: links[4].hash,
  txHash: `0x${'11'.repeat(32)}`,
  blockNumber: 9,
  links: links.slice(1),
  events: [trail[1], trail[3]],
  ...over,
});
const onChain: OnChainAuditCheckpoint[] = [{ sequence: 5, head: links[4].hash }];

function failed(cp: BundleAuditCheckpoint, chain = onChain): Record<string, string> {
  const list = new CheckList();
  checkAuditCheckpoint(list, ours, cp, chain);
  return Object.fromEntries(list.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail]));
}

describe('the audit checkpoint of an evidence bundle (FORMATS.md §16)', () => {
  it('passes when the links chain from the first event to the anchored head', () => {
    expect(failed(checkpoint())).toEqual({});
  });

  it('fails audit-checkpoint when the chain holds no such checkpoint, or another head', () => {
    expect(Object.keys(failed(checkpoint(), []))).toEqual(['audit-checkpoint']);
    expect(failed(checkpoint(), [{ sequence: 5, head: links[3].hash }])['audit-checkpoint']).toMatch(
      /has head/,
    );
  });

  it('fails audit-chain for an edited, hidden, foreign or missing event, and a broken link', () => {
    const edited = { ...trail[3], purpose: 'curiosity' };
    expect(failed(checkpoint({ events: [trail[1], edited] }))['audit-chain']).toMatch(/fields were changed/);
    expect(failed(checkpoint({ events: [trail[1]] }))['audit-chain']).toMatch(/seq 4 .* hides it/);
    expect(failed(checkpoint({ events: [trail[1], trail[3], trail[2]] }))['audit-chain']).toMatch(
      /another agreement/,
    );
    const gap = [links[1], links[2], links[4]];
    expect(failed(checkpoint({ links: gap }))['audit-chain']).toMatch(/skip/);
    const rehashed = links.slice(1).map((l) => (l.seq === 3 ? { ...l, fieldsHash: links[0].fieldsHash } : l));
    expect(failed(checkpoint({ links: rehashed }))['audit-chain']).toMatch(/does not recompute/);
    expect(failed(checkpoint({ links: links.slice(1, 4) }))['audit-chain']).toMatch(/not at the checkpoint/);
    expect(failed(checkpoint({ links: links.slice(2) }))['audit-chain']).toMatch(/first link/);
  });
});
