import { decodeDisclosure, disclosureMismatches, encodeDisclosure } from './disclosure.codec';
import { FormatErrorCode } from './format.error';
import type { AgreementMetadata } from './metadata.schema';

const party = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`;
const metadata: AgreementMetadata = {
  type: 'CARBON-CREDIT',
  parties: [party(0xaa), party(0xbb)],
  jurisdictions: ['SG', 'US-NY'],
  effectiveAt: '2026-06-01',
  expiresAt: '2027-06-01T12:00:00Z',
  value: '100',
  currency: 'SGD',
  parentId: party(0xcc),
  terms: { secret: 'never on chain' },
};
const caught = (fn: () => unknown): { code?: string; path?: string } => {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; path?: string };
  }
  throw new Error('did not throw');
};

describe('the disclosure bytes (FORMATS.md, Disclosure)', () => {
  it('round-trips the public fields, and only them', () => {
    const bytes = encodeDisclosure(metadata);
    expect(decodeDisclosure(bytes)).toEqual({
      type: 'CARBON-CREDIT',
      parties: metadata.parties,
      jurisdictions: ['SG', 'US-NY'],
      effectiveAt: '2026-06-01',
      expiresAt: '2027-06-01T12:00:00Z',
      parentId: party(0xcc),
    });
    expect(bytes).not.toContain(Buffer.from('never on chain').toString('hex'));
    expect(bytes).not.toContain(Buffer.from('SGD').toString('hex'));
  });

  it('keeps every date spelling exactly: day, UTC seconds, and any other RFC 3339 text', () => {
    for (const date of [
      '1969-07-20',
      '2026-06-01',
      '2026-06-01T00:00:00Z',
      '2026-06-01T09:30:00.5+01:00',
      '2026-06-01T09:30:00.000Z',
    ]) {
      const decoded = decodeDisclosure(encodeDisclosure({ ...metadata, effectiveAt: date }));
      expect(decoded.effectiveAt).toBe(date);
    }
    // The day form is 5 bytes, the seconds form 9, the text form 2 + its length.
    const size = (effectiveAt: string) => (encodeDisclosure({ ...metadata, effectiveAt }).length - 2) / 2;
    expect(size('2026-06-01T00:00:00Z') - size('2026-06-01')).toBe(4);
    expect(size('2026-06-01T00:00:00+00:00') - size('2026-06-01')).toBe(2 + 25 - 5);
  });

  it('tells an absent or null parent from a parent, and both mean "none"', () => {
    const { parentId: _omit, ...orphan } = metadata;
    expect(decodeDisclosure(encodeDisclosure(orphan as AgreementMetadata)).parentId).toBeNull();
    expect(encodeDisclosure({ ...metadata, parentId: null })).toBe(
      encodeDisclosure(orphan as AgreementMetadata),
    );
    expect(encodeDisclosure(metadata)).not.toBe(encodeDisclosure(orphan as AgreementMetadata));
  });

  it('reads strictly: another version, a short field or a trailing byte is refused with a path', () => {
    const bytes = encodeDisclosure(metadata);
    expect(caught(() => decodeDisclosure(`0x02${bytes.slice(4)}`))).toMatchObject({
      code: FormatErrorCode.UNSUPPORTED_VERSION,
      path: 'disclosure.version',
    });
    expect(caught(() => decodeDisclosure(`${bytes}00`))).toMatchObject({
      code: FormatErrorCode.INVALID_METADATA,
      path: 'disclosure.end',
    });
    expect(caught(() => decodeDisclosure(bytes.slice(0, -2)))).toMatchObject({
      code: FormatErrorCode.INVALID_METADATA,
      path: 'disclosure.parentId',
    });
    expect(caught(() => decodeDisclosure('0x01'))).toMatchObject({ path: 'disclosure.type' });
  });

  it('names every field of the receipt that the chain does not disclose as it is', () => {
    const disclosed = decodeDisclosure(encodeDisclosure(metadata));
    expect(disclosureMismatches(disclosed, metadata)).toEqual([]);
    expect(
      disclosureMismatches(disclosed, {
        ...metadata,
        type: 'SUPPLY',
        parties: [...metadata.parties].reverse(),
        expiresAt: '2027-06-01T12:00:01Z',
        parentId: undefined,
      }),
    ).toEqual(['type', 'parties', 'expiresAt', 'parentId']);
  });

  it('refuses to encode more than 255 of a list', () => {
    const many = Array.from({ length: 256 }, (_, i) => `0x${i.toString(16).padStart(64, '0')}`);
    expect(caught(() => encodeDisclosure({ ...metadata, parties: many }))).toMatchObject({
      path: 'disclosure.parties',
    });
  });
});
