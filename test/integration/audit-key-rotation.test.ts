import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { ed25519Sign, fromBase64, keyId, open, openBox, sealBox, toBase64, toHex } from '@signet/formats';
import { addWrapMessage } from '@signet/domain';
import { createMigratedDatabase, refusalCode, type MigratedDatabase } from '@signet/testing';
import { AddWrapUseCase } from '../../apps/registry/src/sealed/add-wrap.usecase';
import { OpenSealedUseCase } from '../../apps/registry/src/sealed/open-sealed.usecase';
import { auditWorld, CHAIN, TEXT } from './audit-world.fixture';
import { addMember, addOrganization, type Member } from './fixtures/deposit-world';

const code = refusalCode;

describe('a regulator rotates its box key (addWrap)', () => {
  let database: MigratedDatabase;
  let dataSource: DataSource;
  let world: Awaited<ReturnType<typeof auditWorld>>;
  let opening: OpenSealedUseCase;
  let rotation: AddWrapUseCase;
  let agreementId: string;
  let sealedDigest: string;

  beforeAll(async () => {
    database = await createMigratedDatabase();
    dataSource = database.dataSource;
    world = await auditWorld(dataSource);
    opening = new OpenSealedUseCase(world.store, world.blobs, CHAIN);
    rotation = new AddWrapUseCase(world.store, CHAIN);
    agreementId = await world.deposit();
    sealedDigest = (await world.store.findAgreement(agreementId))!.sealedDigest;
  });

  afterAll(async () => {
    await database.close();
  });

  /** What the old key holder does on its machine: unwrap with the old key, seal to the new one, sign. */
  async function rewrap(from: Member, to: Member, signer: Member = from) {
    const opened = await opening.execute(from.caller, agreementId, 'key rotation');
    const dataKey = openBox(fromBase64(opened.wrap.box), from.keys.box.secretKey, from.keys.box.publicKey);
    const box = toBase64(sealBox(dataKey, to.keys.box.publicKey));
    const newKeyId = keyId(to.keys.box.publicKey);
    const proof = toHex(
      ed25519Sign(addWrapMessage(agreementId, newKeyId, sealedDigest, box), signer.keys.signing.secretKey),
    );
    return { id: agreementId, newKeyId, box, proof, fromCredentialId: from.id };
  }

  it('a new credential of the same authority gets a wrap and opens the text', async () => {
    expect(await code(opening.execute(world.bafinRotated.caller, agreementId, 'supervision'))).toBe(
      'NOT_A_RECIPIENT',
    );
    const command = await rewrap(world.bafin, world.bafinRotated);
    const wrap = await rotation.execute(world.bafinRotated.caller, command);
    expect(wrap.keyId).toBe(command.newKeyId);
    const opened = await opening.execute(world.bafinRotated.caller, agreementId, 'supervision');
    const { text } = open(
      fromBase64(opened.sealedBlob),
      opened.wrap,
      world.bafinRotated.keys.box.secretKey,
      world.bafinRotated.keys.box.publicKey,
    );
    expect(text).toBe(TEXT);
    // Repeating the same rotation is harmless; the trail has it once.
    await rotation.execute(world.bafinRotated.caller, command);
    const rows: { n: number }[] = await dataSource.query(
      `select count(*)::int as n from audit_events where action = 'sealed.add_wrap' and agreement_id = $1`,
      [agreementId],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a proof by anyone but the old wrap holder, a foreign key, and another authority', async () => {
    const forged = await rewrap(world.bafin, world.bafinRotated, world.bafinRotated);
    const fresh = { ...forged, newKeyId: keyId(world.french.keys.box.publicKey) };
    expect(await code(rotation.execute(world.bafinRotated.caller, fresh))).toBe('BAD_INPUT');
    // The designated regulator of DE (no organisation) cannot rotate BaFin's wrap to itself.
    const stranger = await rewrap(world.bafin, world.regulator);
    expect(await code(rotation.execute(world.regulator.caller, stranger))).toBe('CONFLICT');
    const elsewhere = await addOrganization(dataSource, 'Other authority');
    const other = await addMember(dataSource, {
      role: 'regulator',
      organizationId: elsewhere,
      jurisdictions: ['DE'],
    });
    expect(await code(rotation.execute(other.caller, await rewrap(world.bafin, other)))).toBe(
      'NOT_A_RECIPIENT',
    );
    const court = await rewrap(world.bafin, world.court);
    expect(await code(rotation.execute(world.court.caller, court))).toBe('FORBIDDEN');
    expect(await code(rotation.execute(world.french.caller, court))).toBe('NOT_FOUND');
    expect(await code(rotation.execute(world.bafinRotated.caller, { ...forged, box: 'AAAA' }))).toBe(
      'BAD_INPUT',
    );
  });

  it('a wrong signature is INVALID_SIGNATURE', async () => {
    await dataSource.query('delete from agreement_wraps where key_id = $1', [
      keyId(world.bafinRotated.keys.box.publicKey),
    ]);
    const forged = await rewrap(world.bafin, world.bafinRotated, world.bafinRotated);
    expect(await code(rotation.execute(world.bafinRotated.caller, forged))).toBe('INVALID_SIGNATURE');
  });
});
