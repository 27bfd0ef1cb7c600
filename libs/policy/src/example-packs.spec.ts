import { join } from 'node:path';
import { DomainError, decidePolicy, vetPolicyPack, type PolicyInput } from '@signet/domain';
import { policyPackHash } from '@signet/formats';
import { CedarPolicyPackCompiler } from './cedar-pack.compiler';
import { readPackDirectory } from './pack-directory';

const compiler = new CedarPolicyPackCompiler();
const dir = (jurisdiction: string) => join(__dirname, '../../../policies', jurisdiction);

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the example packs', () => {
  it.each(['EU', 'US', 'SG'])('%s passes every one of its own test cases', (jurisdiction) => {
    const files = readPackDirectory(dir(jurisdiction));
    const { pack, results } = vetPolicyPack(compiler, files);
    expect(results.length).toBeGreaterThan(1);
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(pack.hash).toBe(policyPackHash(files));
    expect(pack.data.example).toBe(true);
  });

  it('decides together: refuse beats escalate and escalation reasons add up', () => {
    const packs = ['EU', 'US', 'SG'].map((j) => compiler.compile(readPackDirectory(dir(j))));
    const input: PolicyInput = {
      deal: {
        type: 'HEALTH-DATA',
        jurisdictions: ['DE', 'US-NY', 'SG'],
        effectiveAt: '2026-06-01',
        expiresAt: '2027-06-01',
        value: '2000000',
        currency: 'EUR',
      },
      parties: [{ home: 'DE' }, { home: 'US' }],
      parent: null,
      mandateExceeded: false,
    };
    const escalated = decidePolicy(packs, input);
    expect(escalated.outcome).toBe('escalate');
    expect(escalated.reasons.map((r) => r.code)).toEqual(['THRESHOLD', 'CROSS_BORDER', 'RESTRICTED_TYPE']);
    expect(escalated.packs.map((p) => p.jurisdiction)).toEqual(['EU', 'US', 'SG']);
    expect(escalated.rules).toContain('SG:sg-record');
    const refused = decidePolicy(packs, {
      ...input,
      deal: { ...input.deal, type: 'BIOMETRIC-SURVEILLANCE' },
    });
    expect(refused.outcome).toBe('refuse');
    expect(refused.reasons[0]).toMatchObject({
      code: 'POLICY_REFUSED',
      rule: 'eu-no-biometric-surveillance',
    });
  });
});

describe('disclosure', () => {
  const packs = ['EU', 'US', 'SG'].map((j) => compiler.compile(readPackDirectory(dir(j))));
  const deal = (type: string, jurisdictions: string[]): PolicyInput => ({
    deal: { type, jurisdictions, effectiveAt: '2026-06-01', expiresAt: '2027-06-01' },
    parties: [{ home: 'SG' }],
    parent: null,
    mandateExceeded: false,
  });
  const withData = (data: Record<string, unknown>) => {
    const files = readPackDirectory(dir('SG'));
    const base = JSON.parse(files['pack.json']) as Record<string, unknown>;
    return compiler.compile({ ...files, 'pack.json': JSON.stringify({ ...base, ...data }) });
  };

  it('is public when one deciding pack says so for the type (any case), hashed otherwise', () => {
    expect(decidePolicy(packs, deal('carbon-credit', ['SG'])).disclosure).toBe('public');
    expect(decidePolicy(packs, deal('CARBON-CREDIT', ['DE', 'US', 'SG'])).disclosure).toBe('public');
    expect(decidePolicy(packs, deal('CARBON-CREDIT', ['DE', 'US'])).disclosure).toBeUndefined();
    expect(decidePolicy(packs, deal('supply', ['SG'])).disclosure).toBeUndefined();
  });

  it('takes one mode for every type, or per type with "*" for the rest', () => {
    expect(decidePolicy([withData({ disclosure: 'public' })], deal('supply', ['SG'])).disclosure).toBe(
      'public',
    );
    const table = withData({ disclosure: { NDA: 'hashed', '*': 'public' } });
    expect(decidePolicy([table], deal('nda', ['SG'])).disclosure).toBeUndefined();
    expect(decidePolicy([table], deal('supply', ['SG'])).disclosure).toBe('public');
  });

  it('refuses a mode that is neither hashed nor public, with its path', () => {
    const error = refusal(() => withData({ disclosure: { NDA: 'sometimes' } }));
    expect(error.code).toBe('INVALID_POLICY_PACK');
    expect(String(error.details?.path)).toMatch(/^pack\.json\.disclosure/);
  });
});

describe('a bad pack', () => {
  const good = () => readPackDirectory(dir('EU'));

  it('is refused with the path of what is wrong in pack.json', () => {
    const files = good();
    const data = JSON.parse(files['pack.json']) as { thresholds: Record<string, Record<string, string>> };
    data.thresholds['*'].EUR = 'a million';
    const error = refusal(() => compiler.compile({ ...files, 'pack.json': JSON.stringify(data) }));
    expect(error.code).toBe('INVALID_POLICY_PACK');
    expect(error.details?.path).toBe('pack.json.thresholds.*.EUR');
  });

  it('is refused for a Cedar syntax error, naming the file', () => {
    const error = refusal(() => compiler.compile({ ...good(), 'extra.cedar': 'permit(principal, action' }));
    expect(error.code).toBe('INVALID_POLICY_PACK');
    expect(error.details?.path).toBe('extra.cedar');
  });

  it('is refused for a rule without an @id', () => {
    const error = refusal(() =>
      compiler.compile({ ...good(), 'extra.cedar': 'permit(principal, action, resource);' }),
    );
    expect(error.details?.path).toBe('extra.cedar#0');
  });

  it('is refused when one of its test cases fails, by the case name', () => {
    const files = good();
    const tests = JSON.parse(files['tests.json']) as { cases: Array<{ expect: { outcome: string } }> };
    tests.cases[1].expect.outcome = 'allow';
    const error = refusal(() => vetPolicyPack(compiler, { ...files, 'tests.json': JSON.stringify(tests) }));
    expect(error.code).toBe('POLICY_TEST_FAILED');
    expect(error.details?.case).toBe('a supply over 1,000,000 EUR waits for a principal (THRESHOLD)');
  });

  it('changes its hash with any byte of any file', () => {
    const files = good();
    expect(policyPackHash({ ...files, 'rules.cedar': `${files['rules.cedar']} ` })).not.toBe(
      policyPackHash(files),
    );
  });
});
