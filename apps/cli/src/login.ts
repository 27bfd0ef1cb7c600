import { authChallengeMessage } from '@signet/domain';
import { ed25519Sign, toHex, type SignetKeyPair } from '@signet/formats';
import type { SignetClient } from '@signet/sdk';

export interface Session {
  credentialId: string;
  token: string;
  expiresAt: string;
}

/**
 * Proof of key (docs/FORMATS.md, Credentials): ask for a challenge by signing key, sign
 * keccak256("signet:auth:v1" ‖ nonce) locally, trade it for a token. The secret key never
 * leaves this process; the client keeps the token for the calls that follow.
 */
export async function logIn(client: SignetClient, keys: SignetKeyPair): Promise<Session> {
  const { authChallenge } = await client.request<{ authChallenge: { credentialId: string; nonce: string } }>(
    'mutation ($signingKey: String!) { authChallenge(signingKey: $signingKey) { credentialId nonce } }',
    { signingKey: toHex(keys.signing.publicKey) },
  );
  const signature = toHex(ed25519Sign(authChallengeMessage(authChallenge.nonce), keys.signing.secretKey));
  const { authToken } = await client.request<{ authToken: Session }>(
    `mutation ($credentialId: String!, $nonce: String!, $signature: String!) {
      authToken(credentialId: $credentialId, nonce: $nonce, signature: $signature) { credentialId token expiresAt }
    }`,
    { credentialId: authChallenge.credentialId, nonce: authChallenge.nonce, signature },
  );
  client.setToken(authToken.token);
  return authToken;
}
