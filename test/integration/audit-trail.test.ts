import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { fromBase64, open } from '@signet/formats';
import { verifyAuditChain, type Caller } from '@signet/domain';
import { appendAudit, PgAuditSequencing, PgAuditTrailRepository } from '@signet/persistence';
import { createMigratedDatabase, refusalCode, type MigratedDatabase } from '@signet/testing';
import { AuditSequencer } from '../../apps/registry/src/audit/audit-sequencer';
import type { AuditSettings } from '../../apps/registry/src/audit/audit-settings';
import { AuditTrailUseCase } from '../../apps/registry/src/audit/audit-trail.usecase';
import type { ChainGateway } from '../../apps/registry/src/infrastructure/chain-gateway';
import { OpenSealedUseCase } from '../../apps/registry/src/sealed/open-sealed.usecase';
import { auditWorld, CHAIN, TEXT } from './audit-world.fixture';

const SETTINGS: AuditSettings = {
  sequenceIntervalMs: 200,
  checkpointEvery: 5,
  checkpointSeconds: 3600,
  readCheckpointSeconds: 3600,
  gapGraceMs: 1500,
};

const code = refusalCode;

describe('the access trail (real PostgreSQL)', () => {
  let database: MigratedDatabase;
  let dataSource: DataSource;
  let world: Awaited<ReturnType<typeof auditWorld>>;
  let sequencer: AuditSequencer;
  let trails: AuditTrailUseCase;
  let opening: OpenSealedUseCase;
  let agreementId: string;

  /** The chain's checkpoints, as the test pretends they were mined: those the sequencer queued. */
  async function queuedCheckpoints() {
    const rows: { seq: string; head: string }[] = await dataSource.query(
      'select c.seq::text as seq, c.head from audit_checkpoints c order by c.seq',
    );
    return rows.map((row) => ({ sequence: Number(row.seq), head: row.head }));
  }

  beforeAll(async () => {
    database = await createMigratedDatabase();
    dataSource = database.dataSource;
    world = await auditWorld(dataSource);
    sequencer = new AuditSequencer(new PgAuditSequencing(dataSource), SETTINGS);
    const chain = {
      registry: {
        findAuditCheckpoints: async () =>
          (await queuedCheckpoints()).map((c) => ({ ...c, sequence: BigInt(c.sequence) })),
      },
    };
    trails = new AuditTrailUseCase(
      world.store,
      CHAIN,
      chain as unknown as ChainGateway,
      sequencer,
      new PgAuditTrailRepository(dataSource),
    );
    opening = new OpenSealedUseCase(world.store, world.blobs, CHAIN);
    agreementId = await world.deposit();
  });

  afterAll(async () => {
    await database.close();
  });

  it('a recipient regulator opens the sealed text with a purpose, and the read is in the trail', async () => {
    const opened = await opening.execute(
      world.regulator.caller,
      agreementId,
      '  market supervision, case 17 ',
    );
    const text = open(
      fromBase64(opened.sealedBlob),
      opened.wrap,
      world.regulator.keys.box.secretKey,
      world.regulator.keys.box.publicKey,
    );
    expect(text.text).toBe(TEXT);
    const trail = await trails.trail(world.acmeAgent.caller, agreementId);
    const read = trail.events.find((e) => e.fields.action === 'sealed.open');
    expect(read?.fields).toMatchObject({
      purpose: 'market supervision, case 17',
      actorId: world.regulator.id,
      actorRole: 'regulator',
    });
    expect(trail.events.map((e) => e.fields.action)).toEqual(['agreement.deposit', 'sealed.open']);
  });

  it('refuses without a purpose, to non-recipients, and out of scope (the operator included)', async () => {
    expect(await code(opening.execute(world.regulator.caller, agreementId, '   '))).toBe('PURPOSE_REQUIRED');
    expect(await code(opening.execute(world.court.caller, agreementId, 'a case'))).toBe('NOT_A_RECIPIENT');
    expect(await code(opening.execute(world.acmePrincipal.caller, agreementId, 'review'))).toBe(
      'NOT_A_RECIPIENT',
    );
    expect(await code(opening.execute(world.french.caller, agreementId, 'curiosity'))).toBe('NOT_FOUND');
    expect(await code(opening.execute(world.operator, agreementId, 'admin'))).toBe('NOT_FOUND');
    const outsider: Caller = {
      ...world.globexAgent.caller,
      organizationId: '00000000-0000-0000-0000-000000000000',
    };
    expect(await code(opening.execute(outsider, agreementId, 'x'))).toBe('NOT_FOUND');
    expect(await code(trails.trail(world.french.caller, agreementId))).toBe('NOT_FOUND');
    // None of the refusals left a read in the trail.
    const trail = await trails.trail(world.regulator.caller, agreementId);
    expect(trail.events.filter((e) => e.fields.action === 'sealed.open')).toHaveLength(1);
  });

  it('sequences rows committed out of id order without losing or reordering them', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await appendAudit(runner.manager, { action: 'test.slow', actorId: null, actorRole: null });
    await dataSource.transaction((m) =>
      appendAudit(m, { action: 'test.fast', actorId: null, actorRole: null }),
    );
    await sequencer.round();
    const fast = await dataSource.query(`select seq from audit_events where action = 'test.fast'`);
    expect(fast[0].seq).toBeNull();
    await runner.commitTransaction();
    await runner.release();
    await sequencer.round();
    const rows: { action: string; seq: string }[] = await dataSource.query(
      `select a.action, a.seq::text as seq from audit_events a where a.action like 'test.%' order by a.seq`,
    );
    expect(rows.map((r) => r.action)).toEqual(['test.slow', 'test.fast']);
  });

  it('passes a young hole only after the grace period (a rolled-back id)', async () => {
    await dataSource
      .transaction(async (m) => {
        await appendAudit(m, { action: 'test.rolled_back', actorId: null, actorRole: null });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await dataSource.transaction((m) =>
      appendAudit(m, { action: 'test.after_hole', actorId: null, actorRole: null }),
    );
    expect((await sequencer.round()).sequenced).toBe(0);
    await new Promise((done) => setTimeout(done, SETTINGS.gapGraceMs + 100));
    expect((await sequencer.round()).sequenced).toBe(1);
  });

  it('one sequencer at a time: concurrent rounds never give a place twice', async () => {
    await dataSource.transaction(async (m) => {
      for (let i = 0; i < 20; i++)
        await appendAudit(m, { action: 'test.burst', actorId: null, actorRole: null });
    });
    const rounds = await Promise.all([sequencer.round(), sequencer.round(), sequencer.round(true)]);
    expect(rounds.reduce((n, r) => n + r.sequenced, 0)).toBe(20);
    const verdict = await trails.verdict(agreementId);
    expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('queues a checkpoint every N events, with an outbox row for the chain', async () => {
    const checkpoints = await queuedCheckpoints();
    expect(checkpoints.length).toBeGreaterThan(0);
    const outbox: { subject_id: string; payload: { sequence: number; head: string } }[] =
      await dataSource.query(
        `select subject_id, payload from outbox where kind = 'audit_checkpoint' order by id`,
      );
    expect(outbox.map((o) => o.payload)).toEqual(
      checkpoints.map((c) => ({ sequence: c.sequence, head: c.head })),
    );
  });

  it('checkpoints soon after a read of sealed text, not after other events', async () => {
    const soon = new AuditSequencer(new PgAuditSequencing(dataSource), {
      ...SETTINGS,
      checkpointEvery: 1_000_000,
      readCheckpointSeconds: 0,
    });
    await soon.round(true); // whatever earlier tests left uncheckpointed
    const before = (await queuedCheckpoints()).length;
    const another = await world.deposit();
    const quiet = await soon.round(true);
    expect(quiet.sequenced).toBeGreaterThan(0);
    expect(quiet.checkpoint).toBeNull();
    await opening.execute(world.regulator.caller, another, 'market supervision, case 18');
    const read = await soon.round(true);
    expect(read.checkpoint).toEqual({ sequence: read.head!.seq, head: read.head!.hash });
    expect((await queuedCheckpoints()).length).toBe(before + 1);
  });

  it('the access trail is append-only: a second update and every delete are refused', async () => {
    await expect(dataSource.query(`update audit_events set purpose = 'x' where seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query(`delete from audit_events where seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('a page of the chain shows this agreement’s fields and only hashes of the others', async () => {
    const links = await trails.chainPage(world.globexAgent.caller, agreementId, 1, 1000);
    const mine = links.filter((l) => l.event);
    expect(mine.map((l) => l.event?.fields.action)).toEqual(['agreement.deposit', 'sealed.open']);
    expect(links.filter((l) => !l.event).length).toBeGreaterThan(0);
    const verdict = verifyAuditChain({
      agreementId,
      links,
      events: mine.map((l) => ({ ...l.event!.fields, seq: l.seq })),
      checkpoints: await queuedCheckpoints(),
    });
    expect(verdict.valid).toBe(true);
  });

  describe('tampering, as a superuser around the trigger', () => {
    async function bypass(statement: string): Promise<void> {
      await dataSource.query('alter table audit_events disable trigger audit_events_append_only');
      try {
        await dataSource.query(statement);
      } finally {
        await dataSource.query('alter table audit_events enable trigger audit_events_append_only');
      }
    }

    it('an edited purpose is caught by link-hashes', async () => {
      await bypass(`update audit_events set purpose = 'routine' where action = 'sealed.open'`);
      const verdict = await trails.verdict(agreementId);
      expect(verdict.valid).toBe(false);
      expect(verdict.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['link-hashes']);
    });

    it('a deleted event is caught by sequence and links', async () => {
      await bypass(`delete from audit_events where action = 'sealed.open'`);
      const failed = (await trails.verdict(agreementId)).checks.filter((c) => !c.ok).map((c) => c.name);
      expect(failed).toEqual(expect.arrayContaining(['sequence', 'links']));
    });
  });
});
