import { keccak256Hex, utf8 } from '@signet/formats';
import {
  AUDIT_GENESIS,
  auditAgreementTag,
  auditLinkOf,
  type AuditFields,
  type AuditLink,
} from './audit-chain';
import { verifyAuditChain, type AuditChainEvidence } from './audit-chain.verifier';

const MINE = keccak256Hex(utf8('agreement:mine'));
const OTHER = keccak256Hex(utf8('agreement:other'));

function fields(seq: number, agreementId: string | null, purpose: string | null = null): AuditFields {
  return {
    seq,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    action: purpose ? 'sealed.opened' : 'agreement.deposited',
    actorId: keccak256Hex(utf8(`actor:${seq}`)),
    actorRole: 'regulator',
    agreementId,
    subjectId: null,
    purpose,
    detail: { n: seq },
  };
}

function chainOf(all: AuditFields[]): AuditLink[] {
  const links: AuditLink[] = [];
  let prev = AUDIT_GENESIS;
  for (const event of all) {
    const link = auditLinkOf(event, prev);
    links.push(link);
    prev = link.hash;
  }
  return links;
}

function evidence(): AuditChainEvidence & { all: AuditFields[] } {
  const all = [
    fields(1, MINE),
    fields(2, OTHER),
    fields(3, null),
    fields(4, MINE, 'supervision'),
    fields(5, OTHER),
  ];
  const links = chainOf(all);
  return {
    all,
    agreementId: MINE,
    links,
    events: all.filter((e) => e.agreementId === MINE),
    checkpoints: [{ sequence: 4, head: links[3].hash }],
  };
}

function failed(e: AuditChainEvidence): string[] {
  return verifyAuditChain(e)
    .checks.filter((c) => !c.ok)
    .map((c) => c.name);
}

describe('the audit hash chain', () => {
  it('pins the genesis and the hashing rule', () => {
    expect(AUDIT_GENESIS).toBe(keccak256Hex(utf8('signet:audit:genesis')));
    expect(auditAgreementTag(null)).toBe(`0x${'00'.repeat(32)}`);
    const link = auditLinkOf(fields(1, MINE), AUDIT_GENESIS);
    expect(link.hash).toMatch(/^0x[0-9a-f]{64}$/);
    // The key order of the fields does not matter (canonical JSON); their values do.
    expect(auditLinkOf({ ...fields(1, MINE), detail: { n: 1 } }, AUDIT_GENESIS).hash).toBe(link.hash);
    expect(auditLinkOf({ ...fields(1, MINE), purpose: 'x' }, AUDIT_GENESIS).hash).not.toBe(link.hash);
  });

  it('matches the vector of docs/FORMATS.md (recomputed independently with ethers)', () => {
    const link = auditLinkOf(
      {
        seq: 1,
        at: '2026-01-01T00:00:00.000Z',
        action: 'sealed.open',
        actorId: `0x${'11'.repeat(32)}`,
        actorRole: 'regulator',
        agreementId: `0x${'22'.repeat(32)}`,
        subjectId: null,
        purpose: 'supervision',
        detail: { keyId: `0x${'33'.repeat(32)}` },
      },
      AUDIT_GENESIS,
    );
    expect(AUDIT_GENESIS).toBe('0x9a90884102b439597c633861a6b8f56539b1b06e70a91a19d35a2ccd3b7a73d7');
    expect(link.agreementTag).toBe('0xaeda3282d2e6fb744cd5fe08b0f132b2ae50ab73c9828f2096700dfad00a444b');
    expect(link.fieldsHash).toBe('0x023ab78a47918137a5e821774f031fdd2db5fa32c44e417e35da1f622c17cfa4');
    expect(link.hash).toBe('0x537a85fc5b7cfe7b96dd789005025aa6129c0590b89a0d718fc0ee84704b5c8d');
  });

  it('an intact chain passes every check and reports the unchecked tail', () => {
    const verdict = verifyAuditChain(evidence());
    expect(verdict.valid).toBe(true);
    expect(verdict.checkpointedThrough).toBe(4);
    expect(verdict.warnings).toEqual(['1 newer event(s) are not checkpointed on chain yet']);
  });

  it('an edited event of this agreement fails event-fields', () => {
    const e = evidence();
    e.events[1] = { ...e.events[1], purpose: 'curiosity' };
    expect(failed(e)).toEqual(['event-fields']);
  });

  it('an edited event re-hashed in place breaks the next link', () => {
    const e = evidence();
    const edited = auditLinkOf({ ...e.all[1], action: 'edited' }, e.links[0].hash);
    e.links[1] = edited;
    expect(failed(e)).toEqual(['links']);
  });

  it('a deleted event fails sequence and links; renumbering the rest fails the checkpoint', () => {
    const e = evidence();
    e.links.splice(1, 1);
    expect(failed(e)).toEqual(expect.arrayContaining(['sequence', 'links']));
    const rest = e.all.filter((x) => x.seq !== 2).map((x, i) => ({ ...x, seq: i + 1 }));
    const rebuilt = { ...e, links: chainOf(rest), events: rest.filter((x) => x.agreementId === MINE) };
    expect(failed(rebuilt)).toEqual(['checkpoint']);
  });

  it('an event of this agreement passed off as another one fails agreement-complete', () => {
    const e = evidence();
    e.events = e.events.slice(0, 1);
    expect(failed(e)).toEqual(['agreement-complete']);
  });

  it('a trail without a checkpoint yet is intact, with every event awaiting one', () => {
    const e = evidence();
    const verdict = verifyAuditChain({ ...e, checkpoints: [] });
    expect(verdict.valid).toBe(true);
    expect(verdict.checkpointedThrough).toBe(0);
    expect(verdict.awaitingCheckpoint).toBe(e.links.length);
  });

  it('a truncated trail or a wrong checkpoint fails the checkpoint check', () => {
    const e = evidence();
    expect(failed({ ...e, links: e.links.slice(0, 3), events: e.events.slice(0, 1) })).toEqual([
      'checkpoint',
    ]);
    expect(
      failed({
        ...e,
        links: e.links.map((l) => ({ ...l, hash: l.hash })),
        checkpoints: [{ sequence: 2, head: MINE }],
      }),
    ).toEqual(['checkpoint']);
  });
});
