import { FormatErrorCode } from './format.error';
import { type AgreementMetadata, assertMetadata, validateMetadata } from './metadata.schema';

const party = (n: number): string => `0x${n.toString(16).padStart(64, '0')}`;
const valid: AgreementMetadata = {
  type: 'nda',
  parties: [party(1), party(2)],
  jurisdictions: ['DE'],
  effectiveAt: '2025-01-01',
  expiresAt: '2025-12-31T23:59:59+01:00',
};

const pathsOf = (input: unknown): string[] => {
  const result = validateMetadata(input);
  if (result.ok) return [];
  expect(result.errors.every((e) => e.code === FormatErrorCode.INVALID_METADATA)).toBe(true);
  return result.errors.map((e) => e.path ?? '');
};

describe('validateMetadata', () => {
  it('accepts a minimal and a full document', () => {
    expect(validateMetadata(valid)).toEqual({ ok: true, value: valid });
    expect(
      validateMetadata({ ...valid, value: '10.50', currency: 'USDC', parentId: party(9), terms: { a: 1 } })
        .ok,
    ).toBe(true);
    expect(validateMetadata({ ...valid, parentId: null }).ok).toBe(true);
  });

  it('says "required" of a missing member, once, not its format rule', () => {
    const { type: _type, expiresAt: _expires, ...rest } = valid;
    const result = validateMetadata(rest);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      'type: required',
      'expiresAt: required',
    ]);
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', [], ['metadata']],
    ['an unknown member', { ...valid, colour: 'red' }, ['colour']],
    ['an empty type', { ...valid, type: '' }, ['type']],
    ['no parties', { ...valid, parties: [] }, ['parties']],
    [
      'an upper-case party id',
      { ...valid, parties: [party(0xabc).toUpperCase().replace('0X', '0x')] },
      ['parties[0]'],
    ],
    ['a short party id', { ...valid, parties: ['0x1234'] }, ['parties[0]']],
    ['a repeated party', { ...valid, parties: [party(1), party(1)] }, ['parties']],
    ['a lower-case jurisdiction', { ...valid, jurisdictions: ['de'] }, ['jurisdictions[0]']],
    ['a date without offset', { ...valid, effectiveAt: '2025-01-01T10:00:00' }, ['effectiveAt']],
    ['an impossible date', { ...valid, expiresAt: '2025-13-45' }, ['expiresAt']],
    ['expiry before effect', { ...valid, expiresAt: '2024-12-31' }, ['expiresAt']],
    ['a numeric value', { ...valid, value: 10, currency: 'EUR' }, ['value']],
    ['a value with leading zeros', { ...valid, value: '010', currency: 'EUR' }, ['value']],
    ['a value without currency', { ...valid, value: '10' }, ['currency']],
    ['a lower-case currency', { ...valid, value: '10', currency: 'eur' }, ['currency']],
    ['a zero parent', { ...valid, parentId: `0x${'00'.repeat(32)}` }, ['parentId']],
    ['array terms', { ...valid, terms: [] }, ['terms']],
  ])('refuses %s', (_label, input, paths) => {
    expect(pathsOf(input)).toEqual(paths);
  });

  it('reports every problem at once', () => {
    expect(pathsOf({ ...valid, type: 1, parties: 'x', expiresAt: 5 })).toEqual([
      'type',
      'parties',
      'expiresAt',
    ]);
  });

  it('assertMetadata throws the first problem', () => {
    expect(() => assertMetadata({ ...valid, type: '' })).toThrow('type:');
  });
});
