import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { ed25519Sign, fromHex, toHex } from '@signet/formats';
import { createDraft, depositInput, signDraft } from '@signet/sdk';
import { AgreementStatus, DomainError, type Caller } from '@signet/domain';
import { FileBlobStore } from '@signet/storage';
import { PgAgreementListRepository, TypeormAgreementStore } from '@signet/persistence';
import { createMigratedDatabase, type MigratedDatabase } from '@signet/testing';
import { DepositAgreementUseCase } from '../../apps/registry/src/agreements/deposit-agreement.usecase';
import { RatificationUseCase } from '../../apps/registry/src/agreements/ratify-agreement.usecase';
import { SignetMetrics } from '../../apps/registry/src/observability/metrics';
import { addMember, addOrganization, depositWorld, type Member } from './fixtures/deposit-world';

const CHAIN = { chainId: 31337, registryAddress: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const UNKNOWN_ID = `0x${'ab'.repeat(32)}`;

/**
 * Isolation of every scoped read: a caller out of scope gets exactly the answer it would
 * get for an agreement that does not exist (real PostgreSQL).
 */
describe('scoped reads: out of scope answers like unknown', () => {
  let database: MigratedDatabase;
  let store: TypeormAgreementStore;
  let lists: PgAgreementListRepository;
  let ratification: RatificationUseCase;
  let world: Awaited<ReturnType<typeof depositWorld>>;
  let outsider: Member;
  let foreignRegulator: Member;
  let agreementId: string;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    const dataSource = database.dataSource;
    store = new TypeormAgreementStore(dataSource);
    lists = new PgAgreementListRepository(dataSource);
    const blobs = new FileBlobStore(mkdtempSync(join(tmpdir(), 'signet-blobs-')));
    ratification = new RatificationUseCase(store, blobs, CHAIN);
    world = await depositWorld(dataSource);
    const initech = await addOrganization(dataSource, `Initech ${Date.now()}`);
    outsider = await addMember(dataSource, { role: 'principal', organizationId: initech });
    foreignRegulator = await addMember(dataSource, {
      role: 'regulator',
      organizationId: null,
      jurisdictions: ['FR'],
    });
    // Beyond the agent's mandate: it waits for the Acme principal's ratification.
    const { draft } = createDraft({
      text: 'A supply deal beyond the mandate.',
      metadata: {
        type: 'supply',
        parties: [world.acmeAgent.id, world.globexAgent.id],
        jurisdictions: ['DE'],
        effectiveAt: '2026-01-01',
        expiresAt: '2030-01-01',
        value: '250000',
        currency: 'EUR',
      },
      recipients: [world.acmeAgent, world.globexAgent]
        .map((m) => ({
          credentialId: m.id,
          kind: 'party',
          signingKey: toHex(m.keys.signing.publicKey),
          boxKey: toHex(m.keys.box.publicKey),
          keyId: '',
        }))
        .concat([
          {
            credentialId: world.regulator.id,
            kind: 'regulator',
            signingKey: '',
            boxKey: toHex(world.regulator.keys.box.publicKey),
            keyId: '',
          },
        ]),
      chainId: CHAIN.chainId,
      registry: CHAIN.registryAddress,
    });
    const signed = signDraft(signDraft(draft, world.acmeAgent.keys), world.globexAgent.keys);
    const deposits = new DepositAgreementUseCase(store, blobs, CHAIN, new SignetMetrics());
    const outcome = await deposits.execute(world.acmeAgent.caller, depositInput(signed));
    expect(outcome.status).toBe(AgreementStatus.PendingRatification);
    agreementId = signed.agreementId;
  });

  afterAll(async () => {
    await database.close();
  });

  /** The refusal with the id taken out of its message, so two ids can be compared. */
  async function answer(work: Promise<unknown>, id: string): Promise<string> {
    try {
      await work;
      return 'OK';
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return `${error.code}: ${error.message.replace(id, '<id>')}`;
    }
  }

  const outOfScope = (): Array<[string, Caller]> => [
    ['a principal of another organisation', outsider.caller],
    ['a regulator of another jurisdiction', foreignRegulator.caller],
  ];

  it('AgreementStore.findVisibleAgreement: null for out of scope, as for unknown', async () => {
    expect(await store.findVisibleAgreement(world.acmePrincipal.caller, agreementId)).not.toBeNull();
    expect(await store.findVisibleAgreement(world.regulator.caller, agreementId)).not.toBeNull();
    for (const [, caller] of outOfScope()) {
      expect(await store.findVisibleAgreement(caller, agreementId)).toBeNull();
      expect(await store.findVisibleAgreement(caller, UNKNOWN_ID)).toBeNull();
    }
  });

  it('AgreementListRepository: an out-of-scope list counts and pages nothing', async () => {
    const listOf = (scope: { organizationId: string } | { jurisdictions: string[] }) => ({
      scope,
      filter: {},
    });
    expect(await lists.count(listOf({ organizationId: world.acme }))).toBe(1);
    for (const scope of [{ organizationId: outsider.caller.organizationId! }, { jurisdictions: ['FR'] }]) {
      expect(await lists.count(listOf(scope))).toBe(0);
      expect(await lists.page(listOf(scope), 10, null)).toEqual([]);
      expect(await lists.page({ scope, filter: { parentId: UNKNOWN_ID } }, 10, null)).toEqual([]);
    }
  });

  it('ratify and reject: an outsider hears NOT_FOUND, exactly as for an unknown id, never INVALID_STATE', async () => {
    const signature = (m: Member) => toHex(ed25519Sign(fromHex(agreementId), m.keys.signing.secretKey));
    for (const [, caller] of outOfScope()) {
      const known = await answer(ratification.ratify(caller, agreementId, signature(outsider)), agreementId);
      const unknown = await answer(ratification.ratify(caller, UNKNOWN_ID, signature(outsider)), UNKNOWN_ID);
      expect(known).toBe(unknown);
      expect(known).toMatch(/^NOT_FOUND/);
      const rejected = await answer(ratification.reject(caller, agreementId, 'no'), agreementId);
      expect(rejected).toBe(await answer(ratification.reject(caller, UNKNOWN_ID, 'no'), UNKNOWN_ID));
    }
  });
});
