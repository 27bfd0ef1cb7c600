import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { authChallengeMessage, type Role } from '@signet/domain';
import { ed25519Sign, generateKeyPair, parseKeyPair, toHex, type SignetKeyPair } from '@signet/formats';
import { typeormOptions } from '@signet/persistence';
import {
  createTestDatabase,
  graphql,
  startSignetProcess,
  type GraphqlResult,
  type SignetProcess,
  type TestDatabase,
} from '@signet/testing';

/**
 * The real service (the built dist, as `npm start` runs it) on a fresh PostgreSQL database
 * (createTestDatabase) and its embedded anvil, plus a DataSource on that database to look
 * at (and age) rows: what the credentials and authorisation suites drive over HTTP.
 */
export interface CredentialsHarness {
  url: string;
  dataSource: DataSource;
  signet: SignetProcess;
  operatorKeys: SignetKeyPair;
  /** Runs a GraphQL operation, optionally with a bearer token. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphqlResult<T>>;
  /** Runs it and fails with the error if there is one. */
  ok<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<T>;
  login(keys: SignetKeyPair): Promise<{ credentialId: string; token: string }>;
  stop(): Promise<void>;
}

export async function startCredentialsHarness(env: Record<string, string> = {}): Promise<CredentialsHarness> {
  const database: TestDatabase = await createTestDatabase('signet_cred');
  const signet = await startSignetProcess({ env: { DATABASE_URL: database.url, ...env } });
  const operatorKeys = parseKeyPair(await readFile(join(signet.dataDir, 'operator.key'), 'utf8'));
  const dataSource = await new DataSource(typeormOptions(database.url, { extra: { max: 2 } })).initialize();
  const url = signet.url;
  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
    graphql<T>(url, query, variables, token);
  const ok = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> => {
    const result = await gql<T>(query, variables, token);
    if (result.errors?.length || !result.data)
      throw new Error(`GraphQL failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
  const login = async (keys: SignetKeyPair) => {
    const { authChallenge } = await ok<{ authChallenge: { credentialId: string; nonce: string } }>(
      'mutation ($k: String!) { authChallenge(signingKey: $k) { credentialId nonce } }',
      { k: toHex(keys.signing.publicKey) },
    );
    const signature = toHex(ed25519Sign(authChallengeMessage(authChallenge.nonce), keys.signing.secretKey));
    const { authToken } = await ok<{ authToken: { token: string } }>(
      'mutation ($c: String!, $n: String!, $s: String!) { authToken(credentialId: $c, nonce: $n, signature: $s) { token } }',
      { c: authChallenge.credentialId, n: authChallenge.nonce, s: signature },
    );
    return { credentialId: authChallenge.credentialId, token: authToken.token };
  };
  return {
    url,
    dataSource,
    signet,
    operatorKeys,
    gql,
    ok,
    login,
    stop: async () => {
      await dataSource.destroy();
      await signet.stop();
      await database.drop();
    },
  };
}

export interface Subject {
  role: Role;
  keys: SignetKeyPair;
  credentialId: string;
  token: string;
}

const ISSUE = `mutation ($input: IssueCredentialInput!) { issueCredential(input: $input) { id } }`;

/** An organisation with a principal, an agent, a regulator and a court, each logged in; and the operator. */
export async function populate(harness: CredentialsHarness): Promise<Record<Role, Subject>> {
  const operator = await harness.login(harness.operatorKeys);
  const { addOrganization } = await harness.ok<{ addOrganization: { id: string } }>(
    'mutation { addOrganization(name: "Acme", jurisdiction: "DE") { id } }',
    {},
    operator.token,
  );
  const subjects: Partial<Record<Role, Subject>> = {
    operator: { role: 'operator', keys: harness.operatorKeys, ...operator },
  };
  const issue = async (role: Role, extra: Record<string, unknown> = {}): Promise<Subject> => {
    const keys = generateKeyPair();
    const { issueCredential } = await harness.ok<{ issueCredential: { id: string } }>(
      ISSUE,
      {
        input: {
          role: role.toUpperCase(),
          organization: addOrganization.id,
          signingKey: toHex(keys.signing.publicKey),
          boxKey: toHex(keys.box.publicKey),
          ...extra,
        },
      },
      operator.token,
    );
    const session = await harness.login(keys);
    expect(session.credentialId).toBe(issueCredential.id);
    return { role, keys, ...session };
  };
  subjects.principal = await issue('principal');
  subjects.agent = await issue('agent', {
    principal: subjects.principal.credentialId,
    maxValue: '1000',
    currency: 'EUR',
  });
  subjects.regulator = await issue('regulator', { jurisdictions: ['DE'] });
  subjects.court = await issue('court');
  return subjects as Record<Role, Subject>;
}
