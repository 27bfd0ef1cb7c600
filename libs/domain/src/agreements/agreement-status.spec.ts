import { AgreementStatus, assertTransition, canTransition, sourcesOf } from './agreement-status';

describe('the status machine', () => {
  it('allows the anchoring steps, their reorgs, and the decisions of people', () => {
    expect(canTransition(AgreementStatus.PendingAnchor, AgreementStatus.Anchored)).toBe(true);
    expect(canTransition(AgreementStatus.Anchored, AgreementStatus.Final)).toBe(true);
    expect(canTransition(AgreementStatus.Anchored, AgreementStatus.PendingAnchor)).toBe(true);
    expect(canTransition(AgreementStatus.Final, AgreementStatus.Anchored)).toBe(true);
    expect(canTransition(AgreementStatus.PendingRatification, AgreementStatus.Rejected)).toBe(true);
    expect(canTransition(AgreementStatus.PendingAnchor, AgreementStatus.Final)).toBe(false);
    expect(canTransition(AgreementStatus.Rejected, AgreementStatus.PendingAnchor)).toBe(false);
    expect(canTransition(AgreementStatus.Shredded, AgreementStatus.Final)).toBe(false);
  });

  it('refuses any other move with INVALID_STATE, naming both ends', () => {
    let refused: unknown;
    try {
      assertTransition(AgreementStatus.Final, AgreementStatus.Final);
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: 'INVALID_STATE', details: { from: 'FINAL', to: 'FINAL' } });
    expect(() => assertTransition(AgreementStatus.Terminated, AgreementStatus.Superseded)).toThrow(
      'an agreement in TERMINATED cannot become SUPERSEDED',
    );
    expect(() =>
      assertTransition(AgreementStatus.PendingRatification, AgreementStatus.PendingAnchor),
    ).not.toThrow();
  });

  it('names the statuses a set-based update may move from', () => {
    expect(sourcesOf(AgreementStatus.Superseded)).toEqual([AgreementStatus.Final]);
    expect(sourcesOf(AgreementStatus.Terminated)).toEqual([
      AgreementStatus.Final,
      AgreementStatus.Superseded,
    ]);
    expect(sourcesOf(AgreementStatus.PendingRatification)).toEqual([]);
  });
});
