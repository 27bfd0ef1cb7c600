import { refusedDepositInputs } from '@signet/testing';
import { populate, startCredentialsHarness, type CredentialsHarness } from './credentials-harness';

describe('rate limits (a cost budget per credential, and per address without one)', () => {
  let harness: CredentialsHarness;

  beforeAll(async () => {
    harness = await startCredentialsHarness({
      SIGNET_RATE_LIMIT_PER_MINUTE: '40',
      // Two verifications (10 points each) fit, a third does not.
      SIGNET_VERIFY_RATE_LIMIT_PER_MINUTE: '25',
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

  it("charges an anonymous caller its cost from its address's own budget (verify costs 10)", async () => {
    const verify = `{ verify(blockchainId: "eip155:1:0x0000000000000000000000000000000000000000:0x${'11'.repeat(32)}") { __typename } }`;
    // Logging in (populate, above) drew on the same budget; what is left goes 10 a call.
    const left: number[] = [];
    for (let call = 0; call < 5; call++) {
      const answer = await harness.gql(verify);
      if (answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED') break;
      const cost = answer.extensions?.cost as { throttleStatus: { currentlyAvailable: number } };
      left.push(cost.throttleStatus.currentlyAvailable);
    }
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(5);
    left.slice(1).forEach((value, i) => expect(value).toBe(left[i] - 10));
    // Refused once the next 10 no longer fit.
    expect(left.at(-1)!).toBeLessThan(10);
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
  const inputs = (count: number) => refusedDepositInputs(count, 'rate');
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
