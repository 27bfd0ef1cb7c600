import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { authChallengeMessage } from '@signet/domain';
import { ed25519Sign, generateKeyPair, parseKeyPair, toHex, type SignetKeyPair } from '@signet/formats';
import { createDraft, signDraft, SignetClient, type DraftRecipient } from '@signet/sdk';

/** A credential holder with a logged-in client. */
export interface WorldMember {
  id: string;
  keys: SignetKeyPair;
  client: SignetClient;
  /** The access token the client holds, for plain HTTP requests. */
  token: string;
}

export interface VerifyWorld {
  url: string;
  chainId: number;
  registryAddress: string;
  rpcUrl: string;
  organizations: { acme: string; globex: string; initech: string };
  agents: { acme: WorldMember; globex: WorldMember; initech: WorldMember };
  regulators: { de: WorldMember; fr: WorldMember };
  court: WorldMember;
}

export interface DepositedAgreement {
  blockchainId: string;
  agreementId: string;
  text: string;
  salt: string;
}

/** Logs in with a key pair (challenge, signature, token), as the CLI does. */
export async function logInAs(
  url: string,
  keys: SignetKeyPair,
): Promise<{ client: SignetClient; credentialId: string; token: string }> {
  const client = new SignetClient(url);
  const { authChallenge } = await client.request<{ authChallenge: { credentialId: string; nonce: string } }>(
    'mutation ($k: String!) { authChallenge(signingKey: $k) { credentialId nonce } }',
    { k: toHex(keys.signing.publicKey) },
  );
  const signature = toHex(ed25519Sign(authChallengeMessage(authChallenge.nonce), keys.signing.secretKey));
  const { authToken } = await client.request<{ authToken: { token: string } }>(
    'mutation ($c: String!, $n: String!, $s: String!) { authToken(credentialId: $c, nonce: $n, signature: $s) { token } }',
    { c: authChallenge.credentialId, n: authChallenge.nonce, s: signature },
  );
  client.setToken(authToken.token);
  return { client, credentialId: authChallenge.credentialId, token: authToken.token };
}

/**
 * Three organisations (Acme and Globex in DE, Initech in FR), an agent and a principal for
 * each, a designated regulator for DE and one for FR, and a court: issued through the API
 * with the operator key of the service's data dir, so every credential is on chain too.
 */
export async function createVerifyWorld(url: string, dataDir: string): Promise<VerifyWorld> {
  const operatorKeys = parseKeyPair(await readFile(join(dataDir, 'operator.key'), 'utf8'));
  const operator = (await logInAs(url, operatorKeys)).client;
  const status = await operator.status();
  const organization = async (name: string, jurisdiction: string): Promise<string> => {
    const { addOrganization } = await operator.request<{ addOrganization: { id: string } }>(
      'mutation ($n: String!, $j: String!) { addOrganization(name: $n, jurisdiction: $j) { id } }',
      { n: name, j: jurisdiction },
    );
    return addOrganization.id;
  };
  const issue = async (input: Record<string, unknown>): Promise<WorldMember> => {
    const keys = generateKeyPair();
    await operator.request<{ issueCredential: { id: string } }>(
      'mutation ($input: IssueCredentialInput!) { issueCredential(input: $input) { id } }',
      { input: { ...input, signingKey: toHex(keys.signing.publicKey), boxKey: toHex(keys.box.publicKey) } },
    );
    const { client, credentialId, token } = await logInAs(url, keys);
    return { id: credentialId, keys, client, token };
  };
  const acme = await organization('Acme', 'DE');
  const globex = await organization('Globex', 'DE');
  const initech = await organization('Initech', 'FR');
  const agentOf = async (org: string, jurisdictions: string[]): Promise<WorldMember> => {
    const principal = await issue({ role: 'PRINCIPAL', organization: org });
    return issue({ role: 'AGENT', organization: org, principal: principal.id, jurisdictions });
  };
  const agents = {
    acme: await agentOf(acme, ['DE', 'FR']),
    globex: await agentOf(globex, ['DE', 'FR']),
    initech: await agentOf(initech, ['DE', 'FR']),
  };
  const regulator = async (jurisdiction: string, org: string): Promise<WorldMember> => {
    const member = await issue({ role: 'REGULATOR', organization: org, jurisdictions: [jurisdiction] });
    await operator.request(
      'mutation ($j: String!, $c: String!) { designateRegulator(jurisdiction: $j, credentialId: $c) { credentialId } }',
      { j: jurisdiction, c: member.id },
    );
    return member;
  };
  const regulators = { de: await regulator('DE', acme), fr: await regulator('FR', initech) };
  const court = await issue({ role: 'COURT', organization: acme });
  return {
    url,
    chainId: status.chainId,
    registryAddress: status.registryAddress,
    rpcUrl: status.rpcUrl,
    organizations: { acme, globex, initech },
    agents,
    regulators,
    court,
  };
}

/** Drafts, signs (every party) and deposits one agreement through the SDK, as agents do. */
export async function depositThrough(
  world: VerifyWorld,
  parties: WorldMember[],
  jurisdictions: string[],
  text: string,
  extra: Record<string, unknown> = {},
): Promise<DepositedAgreement> {
  const depositor = parties[0].client;
  const recipients: DraftRecipient[] = await depositor.recipients(
    jurisdictions,
    parties.map((party) => party.id),
  );
  const { draft, salt } = createDraft({
    text,
    metadata: {
      type: 'nda',
      parties: parties.map((party) => party.id),
      jurisdictions,
      effectiveAt: '2026-01-01',
      expiresAt: '2031-01-01',
      ...extra,
    },
    recipients,
    chainId: world.chainId,
    registry: world.registryAddress,
  });
  const signed = parties.reduce((current, party) => signDraft(current, party.keys), draft);
  const result = await depositor.deposit(signed);
  return { blockchainId: result.id, agreementId: result.agreementId, text, salt };
}

/** Polls the agreement's status as its party sees it until it is `wanted`. */
export async function waitForStatus(
  client: SignetClient,
  id: string,
  wanted: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status } = await client.agreement(id);
    if (status === wanted) return;
    if (Date.now() > deadline) throw new Error(`${id} stayed ${status}, wanted ${wanted}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}
