import { scheduleRetention, type RetentionInput } from './retention-schedule';
import { EPOCH_GRACE_MS, epochKeyId, holdKeyId, keyMayBeDestroyed, wantedKeyId } from './retention-keys';
import { holdReason, mayHold } from './legal-hold';
import type { Caller } from '../access/caller';

const DAY = 86_400_000;
const recordedAt = new Date('2026-01-10T00:00:00Z');
const expiresAt = new Date('2026-06-01T00:00:00Z');
const nda = { confidentiality: { categories: ['pricing'], periodDays: 90, destroyAfterDays: 30 } };
const base: RetentionInput = { type: 'SUPPLY', recordedAt, endsAt: expiresAt, endKind: 'expiry', packs: [] };
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY);

describe('scheduleRetention', () => {
  it('with no pack keeps until the end: minimum 0', () => {
    const schedule = scheduleRetention(base);
    expect(schedule.destroyAt).toEqual(expiresAt);
    expect(schedule.rule).toBe('expiry');
    expect(schedule.minimumUntil).toEqual(recordedAt);
    expect(schedule.maximumUntil).toBeNull();
  });

  it("adds an NDA's own destruction obligation to its end, and a deal's parent NDA's to the deal's", () => {
    const own = scheduleRetention({ ...base, type: 'NDA', terms: nda });
    expect(own.destroyAt).toEqual(plusDays(expiresAt, 30));
    expect(own.rule).toBe('expiry+nda.destroyAfterDays');
    const under = scheduleRetention({ ...base, parentTerms: nda, endKind: 'termination' });
    expect(under.destroyAt).toEqual(plusDays(expiresAt, 30));
    expect(under.rule).toBe('termination+parent-nda.destroyAfterDays');
  });

  it("takes the later of a pack's minimum and the end, matching the type without case, else '*'", () => {
    const packs = [{ jurisdiction: 'EU', retention: { nda: { minDays: 365 }, '*': { minDays: 10 } } }];
    const kept = scheduleRetention({ ...base, type: 'NDA', terms: nda, packs });
    expect(kept.destroyAt).toEqual(plusDays(recordedAt, 365));
    expect(kept.rule).toBe('EU:retention.nda.minDays');
    expect(kept.minimumUntil).toEqual(plusDays(recordedAt, 365));
    const other = scheduleRetention({ ...base, packs });
    expect(other.destroyAt).toEqual(expiresAt);
    expect(other.minimumUntil).toEqual(plusDays(recordedAt, 10));
  });

  it('never keeps longer than the smallest maximum, which also caps a larger minimum', () => {
    const packs: RetentionInput['packs'] = [
      { jurisdiction: 'EU', retention: { '*': { minDays: 400 } } },
      { jurisdiction: 'US', retention: { SUPPLY: { minDays: 0, maxDays: 100 } } },
    ];
    const schedule = scheduleRetention({ ...base, packs });
    expect(schedule.destroyAt).toEqual(plusDays(recordedAt, 100));
    expect(schedule.rule).toBe('US:retention.SUPPLY.maxDays');
    expect(schedule.minimumUntil).toEqual(plusDays(recordedAt, 100));
  });

  it('ignores terms that do not parse (refused at deposit)', () => {
    const bad = { confidentiality: { categories: [], periodDays: -1 } };
    expect(scheduleRetention({ ...base, type: 'NDA', terms: bad }).rule).toBe('expiry');
  });
});

describe('retention keys', () => {
  const id = `0x${'ab'.repeat(32)}`;

  it('names epochs by UTC month and holds by agreement', () => {
    expect(epochKeyId(new Date('2026-12-31T23:59:59Z'))).toBe('epoch-2026-12');
    expect(holdKeyId(id)).toBe(`hold-${'ab'.repeat(32)}`);
  });

  it('wants a hold key while held, else the destruction month (never a past one)', () => {
    const now = new Date('2026-03-15T00:00:00Z');
    expect(wantedKeyId({ agreementId: id, destroyAt: new Date('2027-01-02Z'), held: true }, now)).toBe(
      holdKeyId(id),
    );
    expect(wantedKeyId({ agreementId: id, destroyAt: new Date('2027-01-02Z'), held: false }, now)).toBe(
      'epoch-2027-01',
    );
    expect(wantedKeyId({ agreementId: id, destroyAt: new Date('2026-01-02Z'), held: false }, now)).toBe(
      'epoch-2026-03',
    );
  });

  it('lets an epoch key go only once its month and the grace are over; a hold key at once', () => {
    const monthEnd = Date.UTC(2026, 3, 1); // 2026-04-01: the end of epoch-2026-03
    expect(keyMayBeDestroyed('epoch-2026-03', new Date(monthEnd + EPOCH_GRACE_MS - 1))).toBe(false);
    expect(keyMayBeDestroyed('epoch-2026-03', new Date(monthEnd + EPOCH_GRACE_MS))).toBe(true);
    expect(keyMayBeDestroyed(holdKeyId(id), new Date(0))).toBe(true);
    expect(keyMayBeDestroyed('something-else', new Date())).toBe(false);
  });
});

describe('legal holds', () => {
  const caller = (role: Caller['role'], jurisdictions: string[] = []): Caller => ({
    credentialId: `0x${'01'.repeat(32)}`,
    role,
    organizationId: null,
    jurisdictions,
  });

  it('may be placed by a court, or a regulator of one of the jurisdictions only', () => {
    expect(mayHold(caller('court'), ['DE'])).toBe(true);
    expect(mayHold(caller('regulator', ['DE']), ['DE', 'FR'])).toBe(true);
    expect(mayHold(caller('regulator', ['US']), ['DE'])).toBe(false);
    expect(mayHold(caller('agent', ['DE']), ['DE'])).toBe(false);
    expect(mayHold(caller('operator'), ['DE'])).toBe(false);
  });

  it('needs a reason', () => {
    expect(() => holdReason('  ')).toThrow(/a legal hold needs a reason/);
    expect(holdReason(' litigation 42 ')).toBe('litigation 42');
  });
});
