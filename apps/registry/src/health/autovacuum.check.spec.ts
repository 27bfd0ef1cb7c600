import { autovacuumWarning } from './autovacuum.check';

describe('autovacuumWarning', () => {
  it('says nothing when the database vacuums by itself', () => {
    expect(autovacuumWarning('on')).toBeUndefined();
  });

  it('names the tables and the remedy when it does not', () => {
    const warning = autovacuumWarning('off');
    expect(warning).toMatch(/autovacuum is off/);
    expect(warning).toMatch(/outbox/);
    expect(warning).toMatch(/VACUUM/);
  });
});
