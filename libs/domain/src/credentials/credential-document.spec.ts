import { ed25519Sign, ed25519Verify, fromHex, keyPairFromSeeds, toHex } from '@signet/formats';
import { ErrorCode } from '../errors/error-code';
import { authChallengeMessage } from './auth-challenge';
import {
  type CredentialDocument,
  credentialIdOf,
  credentialNotAfter,
  sealCredentialDocument,
} from './credential-document';
import { assertCredentialLive, credentialState } from './credential-liveness';

const keys = keyPairFromSeeds(new Uint8Array(32).fill(1), new Uint8Array(32).fill(2));
const key = toHex(keys.signing.publicKey);

function agent(overrides: Partial<CredentialDocument> = {}): CredentialDocument {
  return {
    version: 'signet-credential/1',
    registry: 'eip155:31337:0x5FbDB2315678afecb367f032d93F642f64180aa3',
    role: 'agent',
    organization: '6f1c3a52-3c4e-4c55-9a51-7d0c1f3e8b10',
    signingKey: key,
    boxKey: toHex(keys.box.publicKey),
    jurisdictions: ['DE'],
    principal: `0x${'ab'.repeat(32)}`,
    mandate: { maxValue: '250000', currency: 'EUR', types: ['supply'], jurisdictions: ['DE'] },
    issuer: key,
    issuedAt: '2030-01-01T00:00:00.000Z',
    expiresAt: '2031-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('credential document', () => {
  it('derives the id from the domain and the canonical document, and the hash from the document alone', () => {
    const sealed = sealCredentialDocument(agent());
    expect(sealed.canonical.startsWith('{"boxKey":')).toBe(true);
    expect(sealed.id).toMatch(/^0x[0-9a-f]{64}$/);
    expect(sealed.id).not.toBe(sealed.documentHash);
    expect(credentialIdOf(sealed.canonical)).toBe(sealed.id);
    expect(sealCredentialDocument(agent({ issuedAt: '2030-01-01T00:00:01.000Z' })).id).not.toBe(sealed.id);
  });

  it('gives the chain expiry in unix seconds, 0 for none', () => {
    expect(credentialNotAfter(agent())).toBe(1924992000);
    expect(credentialNotAfter(agent({ expiresAt: null }))).toBe(0);
  });

  it('refuses an agent without principal or mandate, and a mandate on anyone else', () => {
    expect(codeOf(() => sealCredentialDocument(agent({ principal: null })))).toBe(ErrorCode.BadInput);
    expect(codeOf(() => sealCredentialDocument(agent({ mandate: null })))).toBe(ErrorCode.BadInput);
    expect(codeOf(() => sealCredentialDocument(agent({ role: 'principal' })))).toBe(ErrorCode.BadInput);
  });

  it('refuses a regulator without jurisdictions and malformed keys or amounts', () => {
    const regulator = agent({ role: 'regulator', principal: null, mandate: null, jurisdictions: [] });
    expect(codeOf(() => sealCredentialDocument(regulator))).toBe(ErrorCode.BadInput);
    expect(codeOf(() => sealCredentialDocument(agent({ signingKey: '0x12' })))).toBe(ErrorCode.BadInput);
    const badAmount = { maxValue: '1e6', currency: 'EUR', types: null, jurisdictions: null };
    expect(codeOf(() => sealCredentialDocument(agent({ mandate: badAmount })))).toBe(ErrorCode.BadInput);
  });
});

describe('credential liveness', () => {
  const now = new Date('2030-06-01T00:00:00Z');
  it('says revoked before expired', () => {
    const past = new Date('2030-01-01T00:00:00Z');
    expect(credentialState({ id: 'c', revokedAt: past, expiresAt: past }, now)).toBe('revoked');
    expect(credentialState({ id: 'c', revokedAt: null, expiresAt: past }, now)).toBe('expired');
    expect(credentialState({ id: 'c', revokedAt: null, expiresAt: null }, now)).toBe('live');
    expect(codeOf(() => assertCredentialLive({ id: 'c', revokedAt: null, expiresAt: past }, now))).toBe(
      ErrorCode.CredentialExpired,
    );
  });
});

describe('auth challenge message', () => {
  it('is what the caller signs and the service verifies', () => {
    const nonce = `0x${'07'.repeat(32)}`;
    const signature = ed25519Sign(authChallengeMessage(nonce), keys.signing.secretKey);
    expect(ed25519Verify(authChallengeMessage(nonce), signature, fromHex(key, 32))).toBe(true);
    expect(ed25519Verify(fromHex(nonce, 32), signature, fromHex(key, 32))).toBe(false);
  });
});

describe('test vector (docs/FORMATS.md, Credentials)', () => {
  it('pins the canonical document, id, document hash, issuer signature and login message', () => {
    const operator = keyPairFromSeeds(new Uint8Array(32).fill(3), new Uint8Array(32).fill(4));
    const sealed = sealCredentialDocument(agent({ issuer: toHex(operator.signing.publicKey) }));
    expect(sealed.id).toBe('0xa7d2119bfcf213a67214b4f521fa732e4544360359857604d66c9d8818e4dd22');
    expect(sealed.documentHash).toBe('0x7a0979b586ce5477e45559f8c2570dba3f055a29f8e86646da4a5e8a751a3928');
    expect(toHex(ed25519Sign(fromHex(sealed.id, 32), operator.signing.secretKey))).toBe(
      '0x73148bfd49e8ac64ac923b15fa9ba512f55ae5bad3f09afbe9e2c8fe73ecb18473cb99cc6818ffc7920bf1049e2121c89f32d1cb1a7943180b568764717fd20a',
    );
    expect(toHex(authChallengeMessage(`0x${'07'.repeat(32)}`))).toBe(
      '0xb25682e17d3282b4b9c67c7702b59aabc6cf0b047076ca93a0dace0d03ca48aa',
    );
  });
});
