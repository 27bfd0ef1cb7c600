import { authChallengeMessage } from '@signet/domain';
import { ed25519Sign, generateKeyPair, toHex } from '@signet/formats';
import {
  AuthChallengeOrmEntity,
  AuditEventOrmEntity,
  CredentialOrmEntity,
  OutboxEntryOrmEntity,
} from '@signet/persistence';
import {
  populate,
  startCredentialsHarness,
  type CredentialsHarness,
  type Subject,
} from './credentials-harness';

const ME = '{ me { id role state } }';
const CHALLENGE = 'mutation ($c: String!) { authChallenge(credentialId: $c) { nonce message expiresAt } }';
const TOKEN =
  'mutation ($c: String!, $n: String!, $s: String!) { authToken(credentialId: $c, nonce: $n, signature: $s) { token } }';

describe('credentials and authentication (real PostgreSQL, real service)', () => {
  let harness: CredentialsHarness;
  let subjects: Awaited<ReturnType<typeof populate>>;

  beforeAll(async () => {
    harness = await startCredentialsHarness();
    subjects = await populate(harness);
  });
  afterAll(() => harness?.stop());

  const codeOf = (result: { errors?: Array<{ extensions?: { code?: string } }> }) =>
    result.errors?.[0]?.extensions?.code;

  async function challenge(subject: Subject) {
    const { authChallenge } = await harness.ok<{ authChallenge: { nonce: string; message: string } }>(
      CHALLENGE,
      {
        c: subject.credentialId,
      },
    );
    return {
      ...authChallenge,
      signature: toHex(
        ed25519Sign(authChallengeMessage(authChallenge.nonce), subject.keys.signing.secretKey),
      ),
    };
  }

  it('made the operator credential on start, self-issued, queued for the chain with an audit event', async () => {
    const operator = await harness.dataSource.manager.findOneByOrFail(CredentialOrmEntity, {
      id: subjects.operator.credentialId,
    });
    expect(operator.role).toBe('operator');
    expect(JSON.parse(operator.document)).toMatchObject({ role: 'operator', issuer: operator.signingKey });
    const outbox = await harness.dataSource.manager.findBy(OutboxEntryOrmEntity, { subjectId: operator.id });
    expect(outbox.map((entry) => entry.kind)).toEqual(['credential_issue']);
    const audit = await harness.dataSource.manager.findBy(AuditEventOrmEntity, { subjectId: operator.id });
    expect(audit.map((event) => event.action)).toContain('credential.issue');
  });

  it('signs the challenge message the service announces, and logs in', async () => {
    const c = await challenge(subjects.agent);
    expect(c.message).toBe(toHex(authChallengeMessage(c.nonce)));
    const { authToken } = await harness.ok<{ authToken: { token: string } }>(TOKEN, {
      c: subjects.agent.credentialId,
      n: c.nonce,
      s: c.signature,
    });
    const { me } = await harness.ok<{ me: { id: string; role: string } }>(ME, {}, authToken.token);
    expect(me).toMatchObject({ id: subjects.agent.credentialId, role: 'AGENT' });
  });

  it('refuses a replayed challenge', async () => {
    const c = await challenge(subjects.principal);
    const variables = { c: subjects.principal.credentialId, n: c.nonce, s: c.signature };
    expect((await harness.gql(TOKEN, variables)).errors).toBeUndefined();
    expect(codeOf(await harness.gql(TOKEN, variables))).toBe('CHALLENGE_INVALID');
  });

  it('refuses an expired challenge', async () => {
    const c = await challenge(subjects.principal);
    await harness.dataSource.manager.update(
      AuthChallengeOrmEntity,
      { nonce: c.nonce },
      { expiresAt: new Date(Date.now() - 1000) },
    );
    expect(
      codeOf(await harness.gql(TOKEN, { c: subjects.principal.credentialId, n: c.nonce, s: c.signature })),
    ).toBe('CHALLENGE_INVALID');
  });

  it("refuses another key's signature, and burns the challenge doing so", async () => {
    const c = await challenge(subjects.court);
    const forged = toHex(ed25519Sign(authChallengeMessage(c.nonce), generateKeyPair().signing.secretKey));
    const variables = { c: subjects.court.credentialId, n: c.nonce };
    expect(codeOf(await harness.gql(TOKEN, { ...variables, s: forged }))).toBe('INVALID_SIGNATURE');
    expect(codeOf(await harness.gql(TOKEN, { ...variables, s: c.signature }))).toBe('CHALLENGE_INVALID');
  });

  it('refuses a challenge used for another credential', async () => {
    const c = await challenge(subjects.court);
    expect(
      codeOf(await harness.gql(TOKEN, { c: subjects.agent.credentialId, n: c.nonce, s: c.signature })),
    ).toBe('CHALLENGE_INVALID');
  });

  it("refuses a revoked credential's live token on its next call, and anchors the revocation", async () => {
    const keys = generateKeyPair();
    const { issueCredential } = await harness.ok<{ issueCredential: { id: string } }>(
      'mutation ($input: IssueCredentialInput!) { issueCredential(input: $input) { id } }',
      {
        input: {
          role: 'COURT',
          organization: 'Acme',
          signingKey: toHex(keys.signing.publicKey),
          boxKey: toHex(keys.box.publicKey),
        },
      },
      subjects.operator.token,
    );
    const { token } = await harness.login(keys);
    expect((await harness.gql(ME, {}, token)).errors).toBeUndefined();
    await harness.ok(
      'mutation ($c: String!) { revokeCredential(credentialId: $c, reason: "key lost") { id } }',
      { c: issueCredential.id },
      subjects.operator.token,
    );
    expect(codeOf(await harness.gql(ME, {}, token))).toBe('CREDENTIAL_REVOKED');
    expect(codeOf(await harness.gql(CHALLENGE, { c: issueCredential.id }))).toBe('CREDENTIAL_REVOKED');
    const outbox = await harness.dataSource.manager.findBy(OutboxEntryOrmEntity, {
      subjectId: issueCredential.id,
    });
    expect(outbox.map((entry) => entry.kind).sort()).toEqual(['credential_issue', 'credential_revoke']);
  });

  it("refuses an expired credential's token", async () => {
    const keys = generateKeyPair();
    const { issueCredential } = await harness.ok<{ issueCredential: { id: string } }>(
      'mutation ($input: IssueCredentialInput!) { issueCredential(input: $input) { id } }',
      {
        input: {
          role: 'PRINCIPAL',
          organization: 'Acme',
          signingKey: toHex(keys.signing.publicKey),
          boxKey: toHex(keys.box.publicKey),
        },
      },
      subjects.operator.token,
    );
    const { token } = await harness.login(keys);
    await harness.dataSource.manager.update(
      CredentialOrmEntity,
      { id: issueCredential.id },
      { expiresAt: new Date(Date.now() - 1000) },
    );
    expect(codeOf(await harness.gql(ME, {}, token))).toBe('CREDENTIAL_EXPIRED');
  });

  it('refuses a tampered or foreign token as UNAUTHENTICATED', async () => {
    const [header, payload] = subjects.agent.token.split('.');
    expect(codeOf(await harness.gql(ME, {}, `${header}.${payload}.AAAA`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await harness.gql(ME, {}, 'not-a-token'))).toBe('UNAUTHENTICATED');
  });

  it('keeps the mandate rules: an agent needs a live principal of its own organisation', async () => {
    const keys = generateKeyPair();
    const input = {
      role: 'AGENT',
      organization: 'Acme',
      signingKey: toHex(keys.signing.publicKey),
      boxKey: toHex(keys.box.publicKey),
    };
    const issue =
      'mutation ($input: IssueCredentialInput!) { issueCredential(input: $input) { id mandate { maxValue } } }';
    expect(codeOf(await harness.gql(issue, { input }, subjects.operator.token))).toBe('BAD_INPUT');
    expect(
      codeOf(
        await harness.gql(
          issue,
          { input: { ...input, principal: subjects.court.credentialId } },
          subjects.operator.token,
        ),
      ),
    ).toBe('BAD_INPUT');
    const issued = await harness.ok<{ issueCredential: { mandate: { maxValue: string } } }>(
      issue,
      { input: { ...input, principal: subjects.principal.credentialId, maxValue: '99.5', currency: 'EUR' } },
      subjects.operator.token,
    );
    expect(issued.issueCredential.mandate.maxValue).toBe('99.5');
    expect(
      codeOf(
        await harness.gql(
          issue,
          { input: { ...input, principal: subjects.principal.credentialId } },
          subjects.operator.token,
        ),
      ),
    ).toBe('KEY_IN_USE');
  });
});
