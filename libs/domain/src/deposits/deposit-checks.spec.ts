import { generateKeyPair, toHex, type SignetKeyPair } from '@signet/formats';
import { createDraft, depositInput, signDraft, type Draft } from '@signet/sdk';
import { AgreementStatus } from '../agreements/agreement-status';
import type { CredentialRecord } from '../agreements/records';
import { DomainError } from '../errors/domain-error';
import type { DepositContext } from '../ports/agreement-store.port';
import { batchRepeats } from './batch-repeats';
import { checkDeposit, checkParent, checkSupersedes, liveParties } from './deposit-checks';
import { parseDeposit } from './parse-deposit';

const CHAIN = { chainId: 31337, registryAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const NOW = new Date('2027-06-01T00:00:00Z');
const ORG_A = '6f1c3a52-3c4e-4c55-9a51-7d0c1f3e8b10';
const ORG_B = '0c0ffee0-3c4e-4c55-9a51-7d0c1f3e8b10';

interface Member {
  keys: SignetKeyPair;
  credential: CredentialRecord;
}

function member(n: number, organizationId: string | null, role: CredentialRecord['role'] = 'agent'): Member {
  const keys = generateKeyPair();
  return {
    keys,
    credential: {
      id: `0x${n.toString(16).padStart(64, '0')}`,
      role,
      organizationId,
      signingKey: toHex(keys.signing.publicKey),
      boxKey: toHex(keys.box.publicKey),
      jurisdictions: ['DE'],
      principalId: null,
      mandate: { maxValue: null, currency: null, types: null, jurisdictions: null, expiresAt: null },
      expiresAt: null,
      revokedAt: null,
    },
  };
}

const acme = member(1, ORG_A);
const globex = member(2, ORG_B);
const regulator = member(3, null, 'regulator');

function draftFor(parties: Member[] = [acme, globex], recipients = [...parties, regulator]): Draft {
  const { draft } = createDraft({
    text: 'The parties agree.',
    metadata: {
      type: 'nda',
      parties: parties.map((p) => p.credential.id),
      jurisdictions: ['DE'],
      effectiveAt: '2027-01-01',
      expiresAt: '2030-01-01',
    },
    recipients: recipients.map((r) => ({
      credentialId: r.credential.id,
      kind: r.credential.role === 'regulator' ? 'regulator' : 'party',
      signingKey: r.credential.signingKey,
      boxKey: r.credential.boxKey,
      keyId: '',
    })),
    chainId: CHAIN.chainId,
    registry: CHAIN.registryAddress,
  });
  return parties.reduce((signed, party) => signDraft(signed, party.keys), draft);
}

function context(overrides: Partial<DepositContext> = {}): DepositContext {
  return {
    earlier: null,
    parties: [acme.credential, globex.credential],
    regulators: [regulator.credential],
    parent: null,
    supersedes: null,
    partyHomes: {},
    policyVersion: 0,
    ...overrides,
  };
}

async function codeOf(attempt: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof attempt === 'function' ? attempt() : attempt);
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'passed';
}

function check(draft: Draft, ctx = context(), depositorId = acme.credential.id) {
  const command = depositInput(draft);
  return checkDeposit({
    depositorId,
    command,
    parsed: parseDeposit(command),
    sealedDigest: draft.sealedDigest,
    context: ctx,
    chain: CHAIN,
    now: NOW,
  });
}

describe('the checks of a deposit', () => {
  it('passes a well-formed, fully signed and wrapped deposit, in party order', async () => {
    const draft = draftFor();
    const checked = await check(draft);
    expect(checked.id).toBe(draft.agreementId);
    expect(checked.signatures.map((s) => s.credentialId)).toEqual([acme.credential.id, globex.credential.id]);
    expect(checked.organizationIds).toEqual([ORG_A, ORG_B]);
    expect(checked.wraps.map((w) => w.credentialId)).toEqual([
      acme.credential.id,
      globex.credential.id,
      regulator.credential.id,
    ]);
  });

  it('refuses, each with its own code, in the order a caller hears them', async () => {
    const draft = draftFor();
    expect(await codeOf(check(draft, context(), regulator.credential.id))).toBe('NOT_A_PARTY');
    expect(await codeOf(check({ ...draft, nonce: `0x${'00'.repeat(32)}` }))).toBe('AGREEMENT_ID_MISMATCH');
    expect(await codeOf(check(draft, context({ parties: [acme.credential] })))).toBe('PARTY_NOT_LIVE');
    const unsigned = { ...draft, signatures: draft.signatures.slice(0, 1) };
    expect(await codeOf(check(unsigned))).toBe('MISSING_SIGNATURE');
    const swapped = {
      ...draft,
      signatures: [draft.signatures[0], { ...draft.signatures[1], signature: draft.signatures[0].signature }],
    };
    expect(await codeOf(check(swapped))).toBe('INVALID_SIGNATURE');
    const stranger = {
      ...draft,
      signatures: [...draft.signatures, { ...draft.signatures[0], credentialId: regulator.credential.id }],
    };
    expect(await codeOf(check(stranger))).toBe('INVALID_SIGNATURE');
    expect(await codeOf(check(draftFor([acme, globex], [acme, globex])))).toBe('MISSING_RECIPIENT');
  });

  it('takes liveness from credentialState: a revocation dated later has not happened yet', () => {
    const later = { ...acme.credential, revokedAt: new Date(NOW.getTime() + 1000) };
    expect(liveParties([acme.credential.id], [later], NOW)).toEqual([later]);
    const revoked = { ...acme.credential, revokedAt: NOW };
    expect(() => liveParties([acme.credential.id], [revoked], NOW)).toThrow(/revoked/);
    const expired = { ...acme.credential, expiresAt: NOW };
    expect(() => liveParties([acme.credential.id], [expired], NOW)).toThrow(/expired/);
    const orphan = { ...acme.credential, organizationId: null };
    expect(() => liveParties([acme.credential.id], [orphan], NOW)).toThrow(/no organisation/);
    const principal = { ...acme.credential, role: 'principal' as const };
    expect(() => liveParties([acme.credential.id], [principal], NOW)).toThrow(/not an agent/);
  });

  it('checks the parent: known, in force, the same organisations in any order', async () => {
    const parent = (
      status: AgreementStatus,
      organizationIds = [ORG_B, ORG_A],
      expiresAt = new Date('2030-01-01'),
    ) => ({
      id: `0x${'aa'.repeat(32)}`,
      status,
      expiresAt,
      organizationIds,
      type: 'nda',
      effectiveAt: '2027-01-01',
    });
    const id = `0x${'aa'.repeat(32)}`;
    expect(await codeOf(() => checkParent(id, null, [ORG_A, ORG_B], NOW))).toBe('PARENT_UNKNOWN');
    expect(await codeOf(() => checkParent(id, parent(AgreementStatus.Terminated), [ORG_A, ORG_B], NOW))).toBe(
      'PARENT_NOT_IN_FORCE',
    );
    expect(
      await codeOf(() =>
        checkParent(id, parent(AgreementStatus.Final, [ORG_A, ORG_B], NOW), [ORG_A, ORG_B], NOW),
      ),
    ).toBe('PARENT_NOT_IN_FORCE');
    expect(
      await codeOf(() => checkParent(id, parent(AgreementStatus.Final, [ORG_A]), [ORG_A, ORG_B], NOW)),
    ).toBe('PARENT_PARTIES_MISMATCH');
    expect(await codeOf(() => checkParent(id, parent(AgreementStatus.Final), [ORG_A, ORG_B], NOW))).toBe(
      'passed',
    );
  });

  it('amends only a FINAL agreement of the same organisations', async () => {
    const id = `0x${'bb'.repeat(32)}`;
    const old = (status: AgreementStatus, organizationIds = [ORG_A, ORG_B]) => ({
      id,
      status,
      organizationIds,
    });
    expect(await codeOf(() => checkSupersedes(id, null, [ORG_A, ORG_B]))).toBe('NOT_FOUND');
    expect(await codeOf(() => checkSupersedes(id, old(AgreementStatus.Anchored), [ORG_A, ORG_B]))).toBe(
      'INVALID_STATE',
    );
    expect(
      await codeOf(() => checkSupersedes(id, old(AgreementStatus.Final, [ORG_A, ORG_A]), [ORG_A, ORG_B])),
    ).toBe('PARENT_PARTIES_MISMATCH');
    expect(await codeOf(() => checkSupersedes(id, old(AgreementStatus.Final), [ORG_B, ORG_A]))).toBe(
      'passed',
    );
    expect(await codeOf(() => checkSupersedes(null, null, [ORG_A]))).toBe('passed');
  });

  it('refuses repeats within a batch: a key, an id, an agreement to amend', () => {
    const [a, b] = [depositInput(draftFor()), depositInput(draftFor())];
    const old = `0x${'cc'.repeat(32)}`;
    const codes = (
      commands: (typeof a)[],
      supersedes: Array<string | null> = commands.map(() => null),
      skip = () => false,
    ) => batchRepeats(commands, supersedes, skip).map((error) => error?.code ?? null);
    expect(codes([a, b])).toEqual([null, null]);
    expect(codes([a, { ...b, idempotencyKey: a.idempotencyKey }])).toEqual([null, 'BAD_INPUT']);
    expect(codes([a, { ...b, agreementId: a.agreementId }])).toEqual([null, 'CONFLICT']);
    expect(codes([a, b], [old, old])).toEqual([null, 'CONFLICT']);
    // A deposit refused earlier (skipped) claims nothing.
    expect(codes([a, { ...b, idempotencyKey: a.idempotencyKey }], [null, null], () => true)).toEqual([
      null,
      null,
    ]);
  });
});
