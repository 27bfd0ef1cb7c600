import { populate, startCredentialsHarness, type CredentialsHarness } from './credentials-harness';

describe('rate limits (per credential, per address; verification tighter)', () => {
  let harness: CredentialsHarness;

  beforeAll(async () => {
    harness = await startCredentialsHarness({
      SIGNET_RATE_LIMIT_PER_MINUTE: '40',
      SIGNET_VERIFY_RATE_LIMIT_PER_MINUTE: '2',
    });
  });
  afterAll(() => harness?.stop());

  const codes = async (count: number, query: string, token?: string) => {
    const out: Array<string | undefined> = [];
    for (let i = 0; i < count; i++)
      out.push((await harness.gql(query, {}, token)).errors?.[0]?.extensions?.code);
    return out;
  };

  it('answers RATE_LIMITED past the limit, counting each credential on its own', async () => {
    const subjects = await populate(harness);
    const me = '{ me { id } }';
    const agent = await codes(41, me, subjects.agent.token);
    expect(agent.slice(0, 40).every((code) => code === undefined)).toBe(true);
    expect(agent[40]).toBe('RATE_LIMITED');
    // Another credential from the same address still has its own budget.
    expect(await codes(1, me, subjects.principal.token)).toEqual([undefined]);
  });

  it('gives public verification its own tighter limit per address', async () => {
    const schemaHasVerify = (await harness.gql('{ __type(name: "Query") { fields { name } } }')).data as {
      __type: { fields: Array<{ name: string }> };
    };
    if (!schemaHasVerify.__type.fields.some((field) => field.name === 'verify')) {
      // verify is not in this build yet; the limit is keyed on its name and applies once it is.
      return;
    }
    const verify = `{ verify(blockchainId: "eip155:1:0x0000000000000000000000000000000000000000:0x${'11'.repeat(32)}") { __typename } }`;
    const answers = await codes(3, verify);
    expect(answers[0]).not.toBe('RATE_LIMITED');
    expect(answers[2]).toBe('RATE_LIMITED');
  });
});

describe('rate limits: a batch of deposits counts each deposit', () => {
  let harness: CredentialsHarness;

  beforeAll(async () => {
    harness = await startCredentialsHarness({ SIGNET_RATE_LIMIT_PER_MINUTE: '40' });
  });
  afterAll(() => harness?.stop());

  const DEPOSITS =
    'mutation ($inputs: [DepositAgreementInput!]!) { depositAgreements(inputs: $inputs) { index error { code } } }';
  // Well-typed and refused one by one (nothing is stored): what counts here is the call.
  const inputs = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      metadata: '{}',
      agreementId: '0x00',
      commitment: '0x00',
      nonce: '0x00',
      sealedBlob: '',
      wraps: [],
      signatures: [],
      idempotencyKey: `rate-${i}`,
    }));
  const code = async (query: string, variables: Record<string, unknown>, token: string) =>
    (await harness.gql(query, variables, token)).errors?.[0]?.extensions?.code;

  it('takes a batch of 30 from a budget of 40, and refuses a batch that would overrun it', async () => {
    const { agent } = await populate(harness);
    const response = await fetch(`${harness.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
      body: JSON.stringify({ query: DEPOSITS, variables: { inputs: inputs(30) } }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    // The budget left, as the client is told, is what the whole batch left.
    expect(response.headers.get('x-ratelimit-remaining')).toBe('10');
    expect(await code(DEPOSITS, { inputs: inputs(11) }, agent.token)).toBe('RATE_LIMITED');
  });
});
