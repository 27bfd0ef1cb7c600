import { el, table } from './dom';
import type { PageVerdict, PartyView } from './page-verdict';

export interface RemoteVerdict {
  valid: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
  warnings: string[];
}

const mark = (ok: boolean): HTMLElement =>
  el('span', { class: `verdict ${ok ? 'pass' : 'fail'}` }, ok ? '✓ pass' : '✗ fail');

function checksTable(checks: RemoteVerdict['checks']): HTMLElement {
  return table(
    'Each check of docs/FORMATS.md §12, in order',
    ['Check', 'Result', 'Detail'],
    checks.map((c) => [el('span', { class: 'mono' }, c.name), mark(c.ok), c.detail]),
    (i) => (checks[i].ok ? 'pass' : 'fail'),
  );
}

function banner(valid: boolean, title: string, body: string): HTMLElement {
  return el('div', { class: `banner ${valid ? 'pass' : 'fail'}`, role: 'status' }, title, el('p', {}, body));
}

function warningsList(warnings: string[]): HTMLElement | null {
  if (warnings.length === 0) return null;
  return el('div', {}, el('h2', {}, 'Worth knowing'), el('ul', {}, ...warnings.map((w) => el('li', {}, w))));
}

function partyRow(party: PartyView): string[] {
  const doc = party.document;
  const role = doc
    ? `${doc.role}${doc.organization ? ` of ${doc.organization}` : ''}${doc.jurisdictions.length ? ` (${doc.jurisdictions.join(', ')})` : ''}` +
      (party.onChain && party.onChain.documentHash === doc.documentHash
        ? ', document matches the chain'
        : ', document does NOT match the chain')
    : 'not stated in this file (a receipt names credentials, not roles)';
  const chain = party.onChain
    ? `issued at block ${party.onChain.issuedAtBlock}` +
      (party.onChain.revokedAtBlock ? `, revoked at block ${party.onChain.revokedAtBlock}` : ', not revoked')
    : 'no credential on chain';
  return [party.credentialId, role, chain];
}

/** What the chain itself publishes about the deal, when a policy pack made it public. */
function disclosedSection(verdict: PageVerdict): HTMLElement[] {
  const m = verdict.disclosed;
  if (!m) return [];
  return [
    el('h2', {}, 'Public metadata on chain'),
    table(
      'As the AgreementDisclosed event states it (docs/FORMATS.md, Disclosure)',
      ['Field', 'On chain'],
      [
        ['Type', m.type],
        ['Parties', m.parties.join(', ')],
        ['Jurisdictions', m.jurisdictions.join(', ')],
        ['Effective', m.effectiveAt],
        ['Expires', m.expiresAt],
        ['Parent', m.parentId ?? 'none'],
      ],
    ),
  ];
}

export function renderVerdict(verdict: PageVerdict): HTMLElement[] {
  const failing = verdict.checks.filter((c) => !c.ok).map((c) => c.name);
  return [
    banner(
      verdict.valid,
      verdict.valid ? 'Valid: every check passed.' : `Not valid: ${failing.length} check(s) failed.`,
      `Checked in this browser against the chain at ${verdict.rpcUrl}.` +
        (verdict.valid ? '' : ` Failed: ${failing.join(', ')}.`),
    ),
    el('h2', {}, 'Checks'),
    checksTable(verdict.checks),
    ...disclosedSection(verdict),
    el('h2', {}, 'Parties'),
    table(
      'The signing credentials, in party order',
      ['Credential', 'Role', 'On chain'],
      verdict.parties.map(partyRow),
    ),
    el('h2', {}, 'Status history'),
    verdict.statusHistory.length === 0
      ? el('p', {}, 'No status change on chain: recorded, and not amended, terminated or destroyed.')
      : table(
          'Status changes on chain, oldest first',
          ['Status', 'Block', 'Transaction'],
          verdict.statusHistory.map((s) => [s.status, String(s.blockNumber), s.txHash ?? '']),
        ),
    ...(verdict.timestamp
      ? [
          el('h2', {}, 'Legal timestamp'),
          el(
            'p',
            {},
            `${verdict.timestamp.genTime}: an RFC 3161 token over this agreement's batch root, signed by ${verdict.timestamp.tsa}, its chain valid then up to ${verdict.timestamp.root} (SHA-256 ${verdict.timestamp.rootFingerprint}${verdict.timestamp.pinned ? '' : ", the root the file carries: compare it with the TSA's published one"}).`,
          ),
        ]
      : []),
    warningsList(verdict.warnings),
  ].filter((node): node is HTMLElement => node !== null);
}

export function renderRemoteVerdict(verdict: RemoteVerdict, signetUrl: string): HTMLElement[] {
  return [
    el(
      'div',
      { class: 'banner notice', role: 'status' },
      'Verified by Signet, not by this browser.',
      el(
        'p',
        {},
        `You chose Signet's public verify at ${signetUrl}: Signet read the chain and its own index, and the text and salt were sent to it.`,
      ),
    ),
    banner(verdict.valid, verdict.valid ? 'Signet says: valid.' : 'Signet says: not valid.', ''),
    el('h2', {}, 'Checks'),
    checksTable(verdict.checks),
    warningsList(verdict.warnings),
  ].filter((node): node is HTMLElement => node !== null);
}

export function renderProblem(title: string, detail: string, action?: HTMLElement): HTMLElement[] {
  return [
    el('div', { class: 'banner fail', role: 'alert' }, title, el('p', {}, detail)),
    ...(action ? [action] : []),
  ];
}
