import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { ed25519Sign, fromHex, terminationMessage, toHex, type AgreementMetadata } from '@signet/formats';
import { createDraft, signDraft, depositInput, type Draft } from '@signet/sdk';
import { AgreementStatus } from '@signet/domain';
import { FileBlobStore } from '@signet/storage';
import { DEPOSIT_CONTEXTS_SQL, TypeormAgreementStore, TypeormPolicyPackStore } from '@signet/persistence';
import { createMigratedDatabase, refusalCode, type MigratedDatabase } from '@signet/testing';
import { DepositAgreementUseCase } from '../../apps/registry/src/agreements/deposit-agreement.usecase';
import { createDepositPolicy } from '../../apps/registry/src/policy/policy.module';
import { RatificationUseCase } from '../../apps/registry/src/agreements/ratify-agreement.usecase';
import { TerminateAgreementUseCase } from '../../apps/registry/src/agreements/terminate-agreement.usecase';
import { SignetMetrics } from '../../apps/registry/src/observability/metrics';
import { depositWorld, type Member } from './fixtures/deposit-world';

const CHAIN = { chainId: 31337, registryAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };

describe('depositing an agreement (real PostgreSQL, blob directory)', () => {
  let database: MigratedDatabase;
  let dataSource: DataSource;
  let deposits: DepositAgreementUseCase;
  let ratification: RatificationUseCase;
  let termination: TerminateAgreementUseCase;
  let world: Awaited<ReturnType<typeof depositWorld>>;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    dataSource = database.dataSource;
    const store = new TypeormAgreementStore(dataSource);
    const blobs = new FileBlobStore(mkdtempSync(join(tmpdir(), 'signet-blobs-')));
    deposits = new DepositAgreementUseCase(
      store,
      blobs,
      CHAIN,
      new SignetMetrics(),
      createDepositPolicy(new TypeormPolicyPackStore(dataSource)),
    );
    ratification = new RatificationUseCase(store, blobs, CHAIN);
    termination = new TerminateAgreementUseCase(store, CHAIN);
    world = await depositWorld(dataSource);
  });

  afterAll(async () => {
    await database.close();
  });

  function recipientsFor(parties: Member[], regulators: Member[]) {
    return [
      ...parties.map((m) => ({
        credentialId: m.id,
        kind: 'party',
        signingKey: toHex(m.keys.signing.publicKey),
        boxKey: toHex(m.keys.box.publicKey),
        keyId: '',
      })),
      ...regulators.map((m) => ({
        credentialId: m.id,
        kind: 'regulator',
        boxKey: toHex(m.keys.box.publicKey),
        keyId: '',
      })),
    ];
  }

  function signedDraft(overrides: Partial<AgreementMetadata> = {}, regulators = [world.regulator]): Draft {
    const metadata: AgreementMetadata = {
      type: 'nda',
      parties: [world.acmeAgent.id, world.globexAgent.id],
      jurisdictions: ['DE'],
      effectiveAt: '2026-01-01',
      expiresAt: '2030-01-01',
      ...overrides,
    };
    const { draft } = createDraft({
      text: 'The parties agree to keep each other’s secrets. '.repeat(20),
      metadata,
      recipients: recipientsFor([world.acmeAgent, world.globexAgent], regulators),
      chainId: CHAIN.chainId,
      registry: CHAIN.registryAddress,
    });
    return signDraft(signDraft(draft, world.acmeAgent.keys), world.globexAgent.keys);
  }

  async function counts() {
    const [row] = await dataSource.query<Array<Record<string, number>>>(`select
      (select count(*) from agreements)::int as agreements,
      (select count(*) from agreement_signatures)::int as signatures,
      (select count(*) from agreement_wraps)::int as wraps,
      (select count(*) from outbox)::int as outbox,
      (select count(*) from audit_events)::int as audit`);
    return row;
  }

  const refusal = refusalCode;

  it('stores a well-formed deposit atomically and queues it for anchoring', async () => {
    const before = await counts();
    const draft = signedDraft();
    const outcome = await deposits.execute(world.acmeAgent.caller, depositInput(draft));
    expect(outcome).toMatchObject({
      agreementId: draft.agreementId,
      status: 'PENDING_ANCHOR',
      replayed: false,
    });
    expect(outcome.blockchainId).toBe(draft.blockchainId);
    const after = await counts();
    expect(after).toEqual({
      agreements: before.agreements + 1,
      signatures: before.signatures + 2,
      wraps: before.wraps + 3,
      outbox: before.outbox + 1,
      audit: before.audit + 1,
    });
  });

  it('answers a retry with the same idempotency key the same way and writes nothing', async () => {
    const draft = signedDraft();
    const first = await deposits.execute(world.acmeAgent.caller, depositInput(draft));
    const before = await counts();
    const again = await deposits.execute(world.acmeAgent.caller, depositInput(draft));
    expect(again).toEqual({ ...first, replayed: true });
    expect(await counts()).toEqual(before);
    const other = signedDraft();
    expect(
      await refusal(
        deposits.execute(world.acmeAgent.caller, {
          ...depositInput(other),
          idempotencyKey: draft.idempotencyKey,
        }),
      ),
    ).toBe('IDEMPOTENCY_CONFLICT');
  });

  // The request hash takes the sealed blob by its digest, not its text.
  it('refuses a retry whose sealed blob alone differs', async () => {
    const draft = signedDraft();
    await deposits.execute(world.acmeAgent.caller, depositInput(draft));
    const resealed = { ...depositInput(draft), sealedBlob: depositInput(signedDraft()).sealedBlob };
    expect(await refusal(deposits.execute(world.acmeAgent.caller, resealed))).toBe('IDEMPOTENCY_CONFLICT');
  });

  it.each([
    [
      'a signature that does not verify',
      'INVALID_SIGNATURE',
      (d: Draft) => ({
        ...depositInput(d),
        signatures: d.signatures.map((s, i) =>
          i === 0
            ? {
                ...s,
                signature: toHex(ed25519Sign(fromHex(d.agreementId), world.regulator.keys.signing.secretKey)),
              }
            : s,
        ),
      }),
    ],
    [
      'a missing signature',
      'MISSING_SIGNATURE',
      (d: Draft) => ({ ...depositInput(d), signatures: d.signatures.slice(1) }),
    ],
    [
      'an id that does not hash from its parts',
      'AGREEMENT_ID_MISMATCH',
      (d: Draft) => ({ ...depositInput(d), nonce: `0x${'11'.repeat(32)}` }),
    ],
    [
      'no wrap for the designated regulator',
      'MISSING_RECIPIENT',
      (d: Draft) => ({ ...depositInput(d), wraps: d.wraps.slice(0, 2) }),
    ],
    [
      'a blob that is not a sealed blob',
      'INVALID_BLOB',
      (d: Draft) => ({ ...depositInput(d), sealedBlob: Buffer.from('plain text').toString('base64') }),
    ],
    ['metadata that is not JSON', 'BAD_INPUT', (d: Draft) => ({ ...depositInput(d), metadata: '{nope' })],
    [
      'metadata with an unknown member',
      'INVALID_METADATA',
      (d: Draft) => ({ ...depositInput(d), metadata: JSON.stringify({ ...d.metadata, secret: 1 }) }),
    ],
    ['an empty idempotency key', 'BAD_INPUT', (d: Draft) => ({ ...depositInput(d), idempotencyKey: '' })],
  ])('refuses %s with %s and stores nothing', async (_name, code, mutate) => {
    const draft = signedDraft();
    const before = await counts();
    expect(await refusal(deposits.execute(world.acmeAgent.caller, mutate(draft)))).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('refuses a depositor that is not a party', async () => {
    const draft = signedDraft();
    expect(await refusal(deposits.execute(world.regulator.caller, depositInput(draft)))).toBe('NOT_A_PARTY');
  });

  it('checks the parent: unknown, then in force with the same organisations', async () => {
    const unknown = signedDraft({ parentId: `0x${'ab'.repeat(32)}` });
    expect(await refusal(deposits.execute(world.acmeAgent.caller, depositInput(unknown)))).toBe(
      'PARENT_UNKNOWN',
    );
    const nda = signedDraft();
    await deposits.execute(world.acmeAgent.caller, depositInput(nda));
    const deal = signedDraft({
      type: 'supply',
      parentId: nda.agreementId,
      value: '5000',
      currency: 'EUR',
    });
    const outcome = await deposits.execute(world.globexAgent.caller, depositInput(deal));
    expect(outcome.status).toBe(AgreementStatus.PendingAnchor);
  });

  it('holds a deal beyond a mandate for the answerable principal, then queues it', async () => {
    const draft = signedDraft({ type: 'supply', value: '250000', currency: 'EUR' });
    const outcome = await deposits.execute(world.acmeAgent.caller, depositInput(draft));
    expect(outcome.status).toBe(AgreementStatus.PendingRatification);
    const outboxFor = async () =>
      Number(
        (
          await dataSource.query(`select count(*)::int as n from outbox where subject_id = $1`, [
            draft.agreementId,
          ])
        )[0].n,
      );
    expect(await outboxFor()).toBe(0);
    const signature = (m: Member) => toHex(ed25519Sign(fromHex(draft.agreementId), m.keys.signing.secretKey));
    expect(
      await refusal(
        ratification.ratify(
          world.globexPrincipal.caller,
          draft.agreementId,
          signature(world.globexPrincipal),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await refusal(
        ratification.ratify(world.acmePrincipal.caller, draft.agreementId, signature(world.globexPrincipal)),
      ),
    ).toBe('INVALID_SIGNATURE');
    const status = await ratification.ratify(
      world.acmePrincipal.caller,
      draft.agreementId,
      signature(world.acmePrincipal),
    );
    expect(status).toBe(AgreementStatus.PendingAnchor);
    expect(await outboxFor()).toBe(1);
    expect(
      await refusal(
        ratification.ratify(world.acmePrincipal.caller, draft.agreementId, signature(world.acmePrincipal)),
      ),
    ).toBe('INVALID_STATE');
  });

  it('lets the principal reject a held deal, and deletes its sealed text', async () => {
    const draft = signedDraft({ type: 'supply', value: '250000', currency: 'EUR' });
    await deposits.execute(world.acmeAgent.caller, depositInput(draft));
    expect(await ratification.reject(world.acmePrincipal.caller, draft.blockchainId, 'too expensive')).toBe(
      'REJECTED',
    );
  });
  // Anchoring is the worker's job (tested on its own); here the row is moved as it would.
  async function markFinal(id: string): Promise<void> {
    await dataSource.query(`update agreements set status = 'FINAL' where id = $1`, [id]);
  }

  it('amends a final agreement: the new one is queued, the old one superseded and AMENDED on chain', async () => {
    const original = signedDraft();
    await deposits.execute(world.acmeAgent.caller, depositInput(original));
    const early = signedDraft({ supersedes: original.agreementId });
    expect(await refusal(deposits.execute(world.acmeAgent.caller, depositInput(early)))).toBe(
      'INVALID_STATE',
    );
    await markFinal(original.agreementId);
    const amendment = signedDraft({ supersedes: original.agreementId });
    const outcome = await deposits.execute(world.acmeAgent.caller, depositInput(amendment));
    expect(outcome.status).toBe('PENDING_ANCHOR');
    const [old] = await dataSource.query<Array<{ status: string; superseded_by_id: string }>>(
      `select status, superseded_by_id from agreements where id = $1`,
      [original.agreementId],
    );
    expect(old).toEqual({ status: 'SUPERSEDED', superseded_by_id: amendment.agreementId });
    const events = await dataSource.query<Array<{ payload: { status: number; detail: string } }>>(
      `select payload from outbox where kind = 'status' and subject_id = $1`,
      [original.agreementId],
    );
    expect(events.map((e) => e.payload)).toEqual([{ status: 1, detail: amendment.agreementId }]);
  });

  it('amends an agreement once: of two amendments racing, one is queued and the other is INVALID_STATE', async () => {
    const original = signedDraft();
    await deposits.execute(world.acmeAgent.caller, depositInput(original));
    await markFinal(original.agreementId);
    const rivals = [
      signedDraft({ supersedes: original.agreementId }),
      signedDraft({ supersedes: original.agreementId }),
    ];
    const before = await counts();
    const answers = await Promise.all(
      rivals.map((draft) => deposits.executeMany(world.acmeAgent.caller, [depositInput(draft)])),
    );
    const codes = answers.map(([r]) => ('outcome' in r ? r.outcome.status : r.error.code));
    expect([...codes].sort()).toEqual(['INVALID_STATE', 'PENDING_ANCHOR']);
    const winnerIndex = codes.indexOf('PENDING_ANCHOR');
    const [old] = await dataSource.query<Array<{ status: string; superseded_by_id: string }>>(
      `select status, superseded_by_id from agreements where id = $1`,
      [original.agreementId],
    );
    expect(old).toEqual({ status: 'SUPERSEDED', superseded_by_id: rivals[winnerIndex].agreementId });
    const events = await dataSource.query<Array<{ payload: { status: number; detail: string } }>>(
      `select payload from outbox where kind = 'status' and subject_id = $1`,
      [original.agreementId],
    );
    expect(events.map((e) => e.payload)).toEqual([{ status: 1, detail: rivals[winnerIndex].agreementId }]);
    // The loser wrote nothing: one agreement, its rows, and the AMENDED event beside its outbox row.
    expect(await counts()).toEqual({
      agreements: before.agreements + 1,
      signatures: before.signatures + 2,
      wraps: before.wraps + 3,
      outbox: before.outbox + 2,
      audit: before.audit + 1,
    });
  });

  it('terminates only with every party’s signature, and queues the TERMINATED event', async () => {
    const draft = signedDraft();
    await deposits.execute(world.acmeAgent.caller, depositInput(draft));
    await markFinal(draft.agreementId);
    const sign = (m: Member) => ({
      credentialId: m.id,
      signature: toHex(ed25519Sign(fromHex(terminationMessage(draft.agreementId)), m.keys.signing.secretKey)),
    });
    expect(
      await refusal(termination.execute(world.acmeAgent.caller, draft.agreementId, [sign(world.acmeAgent)])),
    ).toBe('MISSING_SIGNATURE');
    const forged = { ...sign(world.acmeAgent), credentialId: world.globexAgent.id };
    expect(
      await refusal(
        termination.execute(world.acmeAgent.caller, draft.agreementId, [sign(world.acmeAgent), forged]),
      ),
    ).toBe('INVALID_SIGNATURE');
    await termination.execute(world.acmeAgent.caller, draft.agreementId, [
      sign(world.acmeAgent),
      sign(world.globexAgent),
    ]);
    const [row] = await dataSource.query<Array<{ status: string }>>(
      `select status from agreements where id = $1`,
      [draft.agreementId],
    );
    expect(row.status).toBe('TERMINATED');
    expect(await refusal(termination.execute(world.regulator.caller, draft.agreementId, []))).toBe(
      'NOT_FOUND',
    );
  });

  it('reads a deposit context through indexes only, whatever the number of agreements', async () => {
    // A char(66) column compared with text[] is cast row by row and cannot use its index:
    // the context read then scanned every agreement, ever slower as the registry grew.
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET enable_seqscan = off');
      const plan = JSON.stringify(
        await runner.query(`EXPLAIN (FORMAT JSON) ${DEPOSIT_CONTEXTS_SQL}`, [
          world.acmeAgent.id,
          ['key-1', 'key-2'],
          [world.acmeAgent.id, world.globexAgent.id],
          ['DE'],
          [`0x${'ab'.repeat(32)}`],
        ]),
      );
      expect(plan).not.toMatch(/Seq Scan/);
      // The idempotency key is part of the probe, not a filter over the depositor's rows.
      expect(plan).not.toMatch(/Filter":"[^"]*idempotency_key/);
    } finally {
      await runner.query('RESET enable_seqscan');
      await runner.release();
    }
  });

  describe('in a batch (depositAgreements)', () => {
    const codesOf = (results: Awaited<ReturnType<DepositAgreementUseCase['executeMany']>>) =>
      results.map((r) => ('error' in r ? r.error.code : r.outcome.status));

    it('stores the good deposits together and refuses each bad one on its own, storing nothing of it', async () => {
      const good = [
        signedDraft(),
        signedDraft(),
        signedDraft({ type: 'supply', value: '250000', currency: 'EUR' }),
      ];
      const forged = signedDraft();
      const unwrapped = signedDraft();
      const inputs = [
        depositInput(good[0]),
        {
          ...depositInput(forged),
          signatures: [
            forged.signatures[0],
            { ...forged.signatures[1], signature: forged.signatures[0].signature },
          ],
        },
        depositInput(good[1]),
        { ...depositInput(unwrapped), wraps: unwrapped.wraps.slice(0, 2) },
        { ...depositInput(good[0]), agreementId: good[1].agreementId },
        depositInput(good[2]),
      ];
      const before = await counts();
      const results = await deposits.executeMany(world.acmeAgent.caller, inputs);
      expect(codesOf(results)).toEqual([
        'PENDING_ANCHOR',
        'INVALID_SIGNATURE',
        'PENDING_ANCHOR',
        'MISSING_RECIPIENT',
        'BAD_INPUT', // good[0]'s idempotency key, again
        'PENDING_RATIFICATION',
      ]);
      expect(await counts()).toEqual({
        agreements: before.agreements + 3,
        signatures: before.signatures + 6,
        wraps: before.wraps + 9,
        outbox: before.outbox + 2, // the deal beyond the mandate waits for its principal
        audit: before.audit + 3,
      });
      const [stored] = await dataSource.query<Array<Record<string, unknown>>>(
        `select jurisdictions, parties, value::text as value, currency, sealed_digest, idempotency_key
           from agreements where id = $1`,
        [good[2].agreementId],
      );
      expect(stored).toEqual({
        jurisdictions: ['DE'],
        parties: [world.acmeAgent.id, world.globexAgent.id],
        value: '250000.000000',
        currency: 'EUR',
        sealed_digest: good[2].sealedDigest,
        idempotency_key: good[2].idempotencyKey,
      });

      // The same batch again: replays for the stored ones, the same refusals, nothing written.
      const again = await deposits.executeMany(world.acmeAgent.caller, inputs);
      expect(codesOf(again)).toEqual(codesOf(results));
      expect(again.filter((r) => 'outcome' in r && r.outcome.replayed)).toHaveLength(3);
      expect(await counts()).toEqual({
        agreements: before.agreements + 3,
        signatures: before.signatures + 6,
        wraps: before.wraps + 9,
        outbox: before.outbox + 2,
        audit: before.audit + 3,
      });
    });

    it('refuses only the deposit whose agreement is already stored under another key', async () => {
      const earlier = signedDraft();
      await deposits.execute(world.acmeAgent.caller, depositInput(earlier));
      const fresh = signedDraft();
      const before = await counts();
      const results = await deposits.executeMany(world.acmeAgent.caller, [
        depositInput(fresh),
        { ...depositInput(earlier), idempotencyKey: `${earlier.idempotencyKey}-again` },
      ]);
      expect(codesOf(results)).toEqual(['PENDING_ANCHOR', 'CONFLICT']);
      expect((await counts()).agreements).toBe(before.agreements + 1);
    });

    it('takes 1 to 100 deposits per call', async () => {
      expect(await refusal(deposits.executeMany(world.acmeAgent.caller, []))).toBe('BAD_INPUT');
      const one = depositInput(signedDraft());
      const tooMany = Array.from({ length: 101 }, (_, i) => ({ ...one, idempotencyKey: `k${i}` }));
      const before = await counts();
      expect(await refusal(deposits.executeMany(world.acmeAgent.caller, tooMany))).toBe('BAD_INPUT');
      expect(await counts()).toEqual(before);
    });
  });

  describe('while the sealed blobs are being stored', () => {
    /** A blob directory whose writes wait for `release`, and fail with `failWith` if set. */
    class HeldBlobStore extends FileBlobStore {
      private open!: () => void;
      private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
      private markStarted!: () => void;
      /** Resolves once the first write has begun. */
      readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));
      failWith: Error | undefined;

      override async putDigested(key: string, bytes: Uint8Array): Promise<void> {
        this.markStarted();
        await this.gate;
        if (this.failWith) throw this.failWith;
        return super.putDigested(key, bytes);
      }

      release(): void {
        this.open();
      }
    }

    /** Sessions of this database in a transaction between statements. */
    const openTransactions = async () =>
      (
        await dataSource.query<Array<{ open: number }>>(
          `select count(*)::int as open from pg_stat_activity
           where datname = current_database() and state like 'idle in transaction%'`,
        )
      )[0].open;

    function depositsWith(blobs: HeldBlobStore) {
      return new DepositAgreementUseCase(
        new TypeormAgreementStore(dataSource),
        blobs,
        CHAIN,
        new SignetMetrics(),
        createDepositPolicy(new TypeormPolicyPackStore(dataSource)),
      );
    }

    it('stores every blob first, then writes the rows, holding no transaction open meanwhile', async () => {
      const blobs = new HeldBlobStore(mkdtempSync(join(tmpdir(), 'signet-blobs-')));
      const before = await counts();
      const drafts = [signedDraft(), signedDraft()];
      const answered = depositsWith(blobs).executeMany(world.acmeAgent.caller, drafts.map(depositInput));
      try {
        await blobs.started;
        await new Promise((done) => setTimeout(done, 200));
        // While the blobs are held: no row written, no transaction waiting for them.
        expect(await counts()).toEqual(before);
        expect(await openTransactions()).toBe(0);
      } finally {
        blobs.release();
      }
      const results = await answered;
      expect(results.map((r) => ('outcome' in r ? r.outcome.status : r.error.code))).toEqual([
        'PENDING_ANCHOR',
        'PENDING_ANCHOR',
      ]);
      expect((await counts()).agreements).toBe(before.agreements + 2);
      for (const draft of drafts) {
        expect(await blobs.exists(draft.sealedDigest.slice(2))).toBe(true);
      }
    });

    it('refuses an amendment whose agreement was amended while its blob was stored, writing nothing of it', async () => {
      const original = signedDraft();
      await deposits.execute(world.acmeAgent.caller, depositInput(original));
      await dataSource.query(`update agreements set status = 'FINAL' where id = $1`, [original.agreementId]);
      const [late, first] = [
        signedDraft({ supersedes: original.agreementId }),
        signedDraft({ supersedes: original.agreementId }),
      ];
      const blobs = new HeldBlobStore(mkdtempSync(join(tmpdir(), 'signet-blobs-')));
      // `late` read its context (the original FINAL) and passed every check; its blob is held.
      const answered = depositsWith(blobs).executeMany(world.acmeAgent.caller, [depositInput(late)]);
      let before: Awaited<ReturnType<typeof counts>>;
      try {
        await blobs.started;
        expect((await deposits.execute(world.acmeAgent.caller, depositInput(first))).status).toBe(
          'PENDING_ANCHOR',
        );
        before = await counts();
      } finally {
        blobs.release();
      }
      const [result] = await answered;
      expect('error' in result && result.error.code).toBe('INVALID_STATE');
      expect(await counts()).toEqual(before);
      const [old] = await dataSource.query<Array<{ status: string; superseded_by_id: string }>>(
        `select status, superseded_by_id from agreements where id = $1`,
        [original.agreementId],
      );
      expect(old).toEqual({ status: 'SUPERSEDED', superseded_by_id: first.agreementId });
    });

    it('writes nothing, and leaves no transaction open, when a blob cannot be stored', async () => {
      const blobs = new HeldBlobStore(mkdtempSync(join(tmpdir(), 'signet-blobs-')));
      blobs.failWith = new Error('object store unreachable');
      const before = await counts();
      const answered = depositsWith(blobs).executeMany(world.acmeAgent.caller, [
        depositInput(signedDraft()),
        depositInput(signedDraft()),
      ]);
      await blobs.started;
      await new Promise((done) => setTimeout(done, 200));
      blobs.release();
      await expect(answered).rejects.toThrow('object store unreachable');
      expect(await counts()).toEqual(before);
      expect(await openTransactions()).toBe(0);
    });
  });
});
