import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import {
  destructionMessage,
  ed25519Sign,
  fromHex,
  keccak256Hex,
  open,
  sealedDigest,
  shreddedDetail,
  toHex,
  type ShredEvidence,
} from '@signet/formats';
import { KeyDestroyedError, epochKeyId, holdKeyId, type Caller } from '@signet/domain';
import { TypeormPolicyPackStore } from '@signet/persistence';
import { readPackDirectory } from '@signet/policy';
import { createMigratedDatabase, projectRoot, refusalCode, type MigratedDatabase } from '@signet/testing';
import { addMember } from './fixtures/deposit-world';
import { DAY, retentionWorld } from './fixtures/retention-world';

describe('retention: schedules, holds, early destruction and crypto-shredding (real PostgreSQL)', () => {
  let database: MigratedDatabase;
  let world: Awaited<ReturnType<typeof retentionWorld>>;
  let nda: Awaited<ReturnType<typeof world.finalNda>>;
  let held: Awaited<ReturnType<typeof world.finalNda>>;
  let kept: Awaited<ReturnType<typeof world.finalNda>>;
  let foreignRegulator: Caller;
  const backup = mkdtempSync(join(tmpdir(), 'signet-backup-'));
  const depositMonth = epochKeyId(new Date());

  beforeAll(async () => {
    database = await createMigratedDatabase();
    world = await retentionWorld(database.dataSource);
    foreignRegulator = (
      await addMember(database.dataSource, { role: 'regulator', organizationId: null, jurisdictions: ['US'] })
    ).caller;
  });

  afterAll(async () => {
    await database.close();
  });

  const query = <T>(text: string, params: unknown[] = []) => database.dataSource.query<T[]>(text, params);
  const signAll = (agreementId: string) =>
    world.parties.map((party) => ({
      credentialId: party.id,
      signature: toHex(ed25519Sign(fromHex(destructionMessage(agreementId)), party.keys.signing.secretKey)),
    }));
  it('schedules an NDA without a pack at its expiry plus its 30-day destruction obligation, wrapped at rest', async () => {
    nda = await world.finalNda();
    // A backup of the blob store taken at deposit: the blob is under the deposit month's key.
    expect(await world.blobs.keyIdOf(nda.draft.sealedDigest.slice(2))).toBe(depositMonth);
    copyFileSync(world.blobPath(nda.draft), join(backup, 'at-deposit'));
    await world.job.run();
    const schedule = (await world.store.find(nda.draft.agreementId))!;
    const expiresAt = Date.parse(`${nda.draft.metadata.expiresAt}T00:00:00Z`);
    expect(schedule.destroyAt.getTime()).toBe(expiresAt + 30 * DAY);
    expect(schedule.rule).toBe('expiry+nda.destroyAfterDays');
    expect(schedule.state).toBe('SCHEDULED');
    // The job moved it under the key of its destruction month.
    expect(schedule.keyId).toBe(epochKeyId(schedule.destroyAt));
    expect(await world.blobs.keyIdOf(nda.draft.sealedDigest.slice(2))).toBe(schedule.keyId);
    // At rest the blob is wrapped; through the store it is the sealed blob the chain binds.
    expect(readFileSync(world.blobPath(nda.draft)).subarray(0, 4).toString()).toBe('SGRK');
    const blob = (await world.blobs.get(nda.draft.sealedDigest.slice(2)))!;
    expect(sealedDigest(blob)).toBe(nda.draft.sealedDigest);
    const party = world.parties[0];
    expect(open(blob, nda.draft.wraps[0], party.keys.box.secretKey, party.keys.box.publicKey).text).toBe(
      nda.text,
    );
    copyFileSync(world.blobPath(nda.draft), join(backup, 'scheduled'));
  });

  it('lets a court or a regulator of the jurisdiction hold; another regulator is answered as for an unknown id', async () => {
    held = await world.finalNda();
    const id = held.draft.agreementId;
    const unknown = keccak256Hex(fromHex(id));
    const outside = await world.holds.place(foreignRegulator, id, 'curious').catch((e: Error) => e);
    const none = await world.holds.place(foreignRegulator, unknown, 'curious').catch((e: Error) => e);
    expect(outside).toMatchObject({ code: 'NOT_FOUND' });
    expect(none).toMatchObject({ code: 'NOT_FOUND' });
    expect((outside as Error).message).toBe((none as Error).message.replace(unknown, id));
    expect(await refusalCode(world.holds.place(world.parties[0].caller, id, 'mine'))).toBe('NOT_FOUND');
    expect(await refusalCode(world.holds.place(world.members.regulator.caller, id, ' '))).toBe('BAD_INPUT');
    const hold = await world.holds.place(world.members.regulator.caller, id, 'investigation 7');
    expect(hold).toMatchObject({ agreementId: id, placedByRole: 'regulator', reason: 'investigation 7' });
    expect((await world.store.find(id))!.held).toBe(true);
    expect(await refusalCode(world.destruction.execute(world.parties[0].caller, id, signAll(id)))).toBe(
      'LEGAL_HOLD',
    );
  });

  it('refuses early destruction before the minimum (RETENTION_MINIMUM) and without every party', async () => {
    kept = await world.finalNda();
    const id = kept.draft.agreementId;
    const packs = new TypeormPolicyPackStore(database.dataSource);
    const files = readPackDirectory(join(projectRoot(), 'policies', 'EU'));
    const hash = keccak256Hex(fromHex(id)); // any content address: the schedule reads the pack by it
    await packs.publish({ hash, jurisdiction: 'EU', version: 'test', files }, world.members.regulator.caller);
    await query(`update agreements set policy_decision = $2::jsonb where id = $1`, [
      id,
      JSON.stringify({ outcome: 'allow', reasons: [], rules: [], packs: [{ jurisdiction: 'EU', hash }] }),
    ]);
    expect(
      await refusalCode(world.destruction.execute(world.parties[0].caller, id, signAll(id).slice(0, 1))),
    ).toBe('MISSING_SIGNATURE');
    expect(await refusalCode(world.destruction.execute(world.parties[0].caller, id, signAll(id)))).toBe(
      'RETENTION_MINIMUM',
    );
    const schedule = (await world.store.find(id))!;
    expect(schedule.rule).toBe('EU:retention.NDA.minDays');
    expect(schedule.minimumUntil.getTime() - schedule.endsAt.getTime()).toBeGreaterThan(300 * DAY);
  });

  it('after the date shreds the NDA: every copy unreadable, the chain told once, a held one kept', async () => {
    const id = nda.draft.agreementId;
    const party = world.parties[0];
    const wrap = nda.draft.wraps[0]; // the first recipient's: the first party's, as the database holds it
    world.clock.advanceDays(70);
    const report = await world.job.run();
    expect(report.shredded).toEqual([id]);
    // Due but kept: the held one by its hold, the EU one by the pack's minimum.
    expect(report.kept).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agreementId: held.draft.agreementId, keptBy: 'hold' }),
        expect.objectContaining({ agreementId: kept.draft.agreementId, keptBy: 'minimum' }),
      ]),
    );
    expect(report.kept).toHaveLength(2);
    expect(report.keysDestroyed).toContain(depositMonth);
    // The held blob left its epoch for its own key before the epoch's key went.
    expect(await world.blobs.keyIdOf(held.draft.sealedDigest.slice(2))).toBe(
      holdKeyId(held.draft.agreementId),
    );
    expect(await world.blobs.get(kept.draft.sealedDigest.slice(2))).not.toBeNull();

    const [row] = await query<{
      status: string;
      wraps: number;
      changes: number;
      outbox: number;
      hooks: number;
    }>(
      `select status, (select count(*) from agreement_wraps where agreement_id = $1)::int as wraps,
        (select count(*) from agreement_status_changes where agreement_id = $1 and status = 'SHREDDED')::int as changes,
        (select count(*) from outbox where subject_id = $1 and kind = 'status')::int as outbox,
        (select count(*) from webhook_events where agreement_id = $1 and kind = 'SHREDDED')::int as hooks
       from agreements where id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'SHREDDED', wraps: 0, changes: 1, outbox: 1, hooks: 1 });
    const schedule = (await world.store.find(id))!;
    expect(shreddedDetail(schedule.shredEvidence as unknown as ShredEvidence)).toBe(schedule.shredDetail);
    expect(existsSync(world.blobPath(nda.draft))).toBe(false);

    // Both backup copies, restored, with the wrap from a database backup: unreadable for good.
    const destroyAt = (await world.store.find(id))!.destroyAt;
    expect(report.keysDestroyed).toContain(epochKeyId(destroyAt));
    for (const name of ['at-deposit', 'scheduled']) {
      copyFileSync(join(backup, name), world.blobPath(nda.draft));
      await expect(world.blobs.get(nda.draft.sealedDigest.slice(2))).rejects.toThrow(KeyDestroyedError);
      const copy = new Uint8Array(readFileSync(join(backup, name)));
      expect(() => open(copy, wrap, party.keys.box.secretKey, party.keys.box.publicKey)).toThrow();
    }
    expect(existsSync(join(world.vaultDir, `${depositMonth}.key`))).toBe(false);
    await world.blobs.destroy(nda.draft.sealedDigest.slice(2));

    const again = await world.job.run();
    expect(again.shredded).toEqual([]);
    const [{ outbox }] = await query<{ outbox: number }>(
      `select count(*)::int as outbox from outbox where subject_id = $1 and kind = 'status'`,
      [id],
    );
    expect(outbox).toBe(1);
  });

  it('shreds a held agreement once its hold is lifted, and destroys its hold key', async () => {
    const id = held.draft.agreementId;
    expect(await refusalCode(world.holds.lift(foreignRegulator, id, 'done'))).toBe('NOT_FOUND');
    const lifted = await world.holds.lift(world.members.regulator.caller, id, 'investigation closed');
    expect(lifted).toHaveLength(1);
    const report = await world.job.run();
    expect(report.shredded).toEqual([id]);
    expect(report.keysDestroyed).toContain(holdKeyId(id));
    expect(await refusalCode(world.holds.place(world.members.regulator.caller, id, 'too late'))).toBe(
      'SHREDDED',
    );
  });

  it('finishes a run killed after committing to shred, without anchoring anything twice', async () => {
    const late = await world.finalNda();
    const id = late.draft.agreementId;
    const now = world.clock.now();
    await world.job.run(); // schedules and shreds: then stage a crash on a fresh one
    const crashed = await world.finalNda();
    const other = crashed.draft.agreementId;
    const scheduler = (world.job as unknown as { scheduler: { scheduleAll(): Promise<unknown> } }).scheduler;
    await scheduler.scheduleAll();
    const claimed = await world.store.claimDue(now, 10);
    expect(claimed.map((item) => item.agreementId)).toEqual([other]);
    await world.blobs.destroy(crashed.draft.sealedDigest.slice(2)); // … and the process died here
    expect((await world.store.find(other))!.state).toBe('SHREDDING');
    expect(await refusalCode(world.holds.place(world.members.regulator.caller, other, 'now'))).toBe(
      'SHREDDED',
    );
    const report = await world.job.run();
    expect(report.shredded).toEqual([other]);
    const [row] = await query<{ outbox: number; changes: number }>(
      `select (select count(*) from outbox where subject_id = $1 and kind = 'status')::int as outbox,
        (select count(*) from agreement_status_changes where agreement_id = $1 and status = 'SHREDDED')::int as changes`,
      [other],
    );
    expect(row).toEqual({ outbox: 1, changes: 1 });
    expect((await world.store.find(id))!.state).toBe('SHREDDED');
  });
});
