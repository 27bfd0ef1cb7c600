import { policyPackHash } from './policy-pack.hash';

describe('policyPackHash (docs/FORMATS.md, policy packs)', () => {
  const files = { 'pack.json': '{"jurisdiction":"SG","version":"1"}\n', 'tests.json': '{"cases":[]}\n' };

  it('matches the documented test vector, whatever order the files come in', () => {
    const vector = '0xdbd2a531e3c0ce45fcd8d0e266fbf745096c65b9be89c7c792be9be4e0ff00bd';
    expect(policyPackHash(files)).toBe(vector);
    expect(policyPackHash({ 'tests.json': files['tests.json'], 'pack.json': files['pack.json'] })).toBe(vector);
  });

  it('changes with a file added, renamed or a byte changed', () => {
    const hash = policyPackHash(files);
    expect(policyPackHash({ ...files, 'rules.cedar': '' })).not.toBe(hash);
    expect(policyPackHash({ 'pack.json': files['pack.json'], 'test.json': files['tests.json'] })).not.toBe(hash);
    expect(policyPackHash({ ...files, 'tests.json': '{"cases":[]}' })).not.toBe(hash);
  });
});
